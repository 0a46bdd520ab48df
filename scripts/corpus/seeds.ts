import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The seed texts the corpus is made from. The curated layouts refer to seed line numbers,
 * so each seed is pinned by its SHA-256: a changed seed must be curated again.
 */
export const SEEDS = {
  oa18: { file: '000_b744f76da9252712.txt', sha256: 'ea4251455a36760dedaf3f6de67e5da0782bb77f5f53d63f582d097c3deca303' },
  patientforloeb: { file: '001_abe8952a426739d5.txt', sha256: '440eb2dc3a62971488bdf7dc6babfe02a800c5276dbfd4550e05374a9cbf7329' },
  oa20: { file: '002_60d9676eb3965278.txt', sha256: '7fd3affdf4915c2f5d81b3b3ccb907fdb89a57282cefa68a71333668e795b509' },
  arbejdsprogram: { file: '003_1d53eec2f44e55ad.txt', sha256: '6b352a02a0cc9a15b34a129a7bd2edcf3d4d8e5da8acfa8ba05568f7acf2e4a4' },
  udspil: { file: '004_22f3f615e48af4a0.txt', sha256: '44846c0aa48ab3f5cbc6247b9b8c06b64f37b48a410160a0cceeaf0cf8215e42' },
} as const;

export type SeedName = keyof typeof SEEDS;

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

export function readSeed(dir: string, name: SeedName): Buffer {
  const { file, sha256 } = SEEDS[name];
  const path = join(dir, file);
  if (!existsSync(path)) throw new SeedError(`seed ${file} not found in ${dir} (pass --seeds <dir>)`);
  const bytes = readFileSync(path);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new SeedError(`seed ${file} has changed (sha256 ${actual.slice(0, 12)}…, curated for ${sha256.slice(0, 12)}…): check the curated line numbers in scripts/corpus/ and update SEEDS`);
  }
  return bytes;
}

/** The seed's lines; `lines[n - 1]` is line n as an editor numbers it. */
export function seedLines(bytes: Buffer): string[] {
  const lines = bytes.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
