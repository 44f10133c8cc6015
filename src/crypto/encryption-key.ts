import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';

/**
 * The key that seals secrets at rest. Deployments set ENCRYPTION_KEY (config refuses
 * DATABASE_URL without it); the embedded default generates one beside its database
 * files, readable only by the owner, so a one-command start needs no set-up.
 */
export async function resolveEncryptionKey(options: {
  configured?: Buffer;
  dataDir: string;
  logger: Logger;
}): Promise<Buffer> {
  if (options.configured) return options.configured;
  const file = path.resolve(options.dataDir, 'encryption.key');
  try {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte hex key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  options.logger.warn(
    { file },
    'generated an encryption key for the embedded database; set ENCRYPTION_KEY in production',
  );
  return key;
}
