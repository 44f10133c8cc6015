import { randomBytes } from 'node:crypto';

const SCALE = 2 ** 48;

/** A uniform number in [0, 1) from 48 bits of the operating system's CSPRNG, for shuffles nobody may predict. */
export function cryptoRng(): number {
  return randomBytes(6).readUIntBE(0, 6) / SCALE;
}
