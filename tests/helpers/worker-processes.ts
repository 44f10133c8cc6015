import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './slack-requests.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface WorkerProcess {
  pid: number;
  /** every line the process wrote to stdout and stderr so far */
  output(): string[];
}

export interface WorkerProcesses {
  workers: WorkerProcess[];
  /** SIGTERM to each (graceful shutdown), SIGKILL after `graceMs`; resolves when all exited */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `count` real worker processes (`src/main.ts worker`, the documented scaled
 * deployment) with the given environment on top of test Slack credentials, and waits
 * until each has logged that it started. They share the database and Redis prefix in
 * `env`, so BullMQ hands jobs to whichever is free.
 */
export async function startWorkerProcesses(
  count: number,
  env: Record<string, string>,
  startTimeoutMs = 60_000,
): Promise<WorkerProcesses> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rc-workers-'));
  const children: { child: ChildProcess; lines: string[]; exited: Promise<void> }[] = [];
  const stop = async (graceMs = 20_000) => {
    await Promise.all(
      children.map(async ({ child, exited }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
          SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
          DATA_DIR: path.join(dataDir, String(i)),
          LOG_LEVEL: 'info',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const lines: string[] = [];
      const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      children.push({ child, lines, exited });
    }
    await Promise.all(
      children.map(
        ({ child, lines, exited }) =>
          new Promise<void>((resolve, reject) => {
            const deadline = setTimeout(
              () => reject(new Error(`worker ${child.pid} did not start:\n${lines.join('\n')}`)),
              startTimeoutMs,
            );
            const poll = setInterval(() => {
              if (lines.some((l) => l.includes('relational-climate started'))) {
                clearInterval(poll);
                clearTimeout(deadline);
                resolve();
              }
            }, 50);
            void exited.then(() => {
              clearInterval(poll);
              clearTimeout(deadline);
              reject(new Error(`worker ${child.pid} exited while starting:\n${lines.join('\n')}`));
            });
          }),
      ),
    );
  } catch (error) {
    await stop(2_000);
    throw error;
  }
  return {
    workers: children.map(({ child, lines }) => ({ pid: child.pid ?? -1, output: () => [...lines] })),
    stop,
  };
}
