/** Test helpers for the format readers: temporary files and asserting the one SwpError a bad file gives. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { ExitCode, SwpError, type Problem } from '../../../../src/model/errors.js';

/** Absolute path of a fixture under test/fixtures/ingest/. */
export function fixture(...parts: string[]): string {
  return fileURLToPath(new URL(`../../../fixtures/ingest/${parts.join('/')}`, import.meta.url));
}

/** A temporary folder for one test file, removed after its tests. */
export function tempDir(): (name: string, content: string | Buffer) => string {
  const dir = mkdtempSync(join(tmpdir(), 'swp-formats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
}

/** Await a read that must fail with SwpError(INPUT); returns the error. */
export async function inputError(promise: Promise<unknown>): Promise<SwpError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(SwpError);
  const err = caught as SwpError;
  expect(err.code).toBe(ExitCode.INPUT);
  return err;
}

/** Await a read that must fail with exactly one problem; returns it. */
export async function oneProblem(promise: Promise<unknown>): Promise<Problem> {
  const err = await inputError(promise);
  expect(err.problems.map((p) => p.message)).toHaveLength(1);
  return err.problems[0]!;
}
