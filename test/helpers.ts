/** Shared test helpers: paths to fixtures and real published data, and catching SwpError. */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { SwpError } from '../src/model/errors.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(ROOT, 'test/fixtures');
/** Real published files (police.uk, ONS), byte-for-byte copies: see test/fixtures/real/SOURCES.md. */
export const REAL_DATA = join(ROOT, 'test/fixtures/real');

/** Await a promise that must reject with an SwpError, and return it. */
export async function rejection(p: Promise<unknown>): Promise<SwpError> {
  try {
    await p;
  } catch (e) {
    expect(e, String((e as Error)?.stack)).toBeInstanceOf(SwpError);
    return e as SwpError;
  }
  throw new Error('expected an SwpError, but the call succeeded');
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'swp-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write files (path → content) under a folder, creating parents. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): string {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return root;
}
