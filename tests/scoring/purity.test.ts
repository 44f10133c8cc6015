import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/scoring');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/.test(name) ? [path] : [];
  });
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function specifiers(source: string): string[] {
  const code = stripComments(source);
  const found: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[\s\S]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[\s\S]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

/** Packages scoring may use: pure computation only. */
const ALLOWED_PACKAGES = new Set(['zod']);

const FORBIDDEN_CALLS: readonly [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now()'],
  [/\bnew\s+Date\b/, 'new Date'],
  [/\bMath\.random\s*\(/, 'Math.random()'],
  [/\bperformance\.now\s*\(/, 'performance.now()'],
  [/\bprocess\./, 'process.*'],
  [/\bfetch\s*\(/, 'fetch()'],
  [/\bcrypto\./, 'crypto.*'],
  [/\brequire\s*\(/, 'require()'],
  [/\bimport\s*\(/, 'dynamic import()'],
];

const files = sourceFiles(root);

describe('purity of src/scoring', () => {
  it('finds the scoring sources to scan', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files.map((file) => relative(root, file))).toContain('trend.ts');
  });

  it.each(files.map((file) => [relative(root, file), file]))(
    '%s imports only scoring modules and pure packages',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      for (const specifier of specifiers(source)) {
        if (specifier.startsWith('.')) {
          expect(specifier, `${specifier} must end in .js (NodeNext)`).toMatch(/\.js$/);
          const target = resolve(dirname(file), specifier);
          expect(target.startsWith(`${root}/`) || target === root, `${specifier} leaves src/scoring`).toBe(
            true,
          );
        } else {
          expect(ALLOWED_PACKAGES.has(specifier), `${specifier} is not allowed in src/scoring`).toBe(true);
        }
      }
    },
  );

  it.each(files.map((file) => [relative(root, file), file]))(
    '%s reads no clock, ambient randomness or environment',
    (_name, file) => {
      const code = stripComments(readFileSync(file, 'utf8'));
      for (const [pattern, label] of FORBIDDEN_CALLS) {
        expect(pattern.test(code), `${label} found`).toBe(false);
      }
    },
  );

  it.each([
    ["import { PrismaClient } from '@prisma/client';", '@prisma/client'],
    ["import { Queue } from 'bullmq';", 'bullmq'],
    ["import type { App } from '@slack/bolt';", '@slack/bolt'],
    ["export { readFile } from 'node:fs';", 'node:fs'],
    ["const m = await import('ioredis');", 'ioredis'],
  ])('the scanner recognises %s', (source, expected) => {
    expect(specifiers(source)).toContain(expected);
    expect(ALLOWED_PACKAGES.has(expected)).toBe(false);
  });
});
