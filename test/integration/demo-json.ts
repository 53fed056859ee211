/**
 * The demo's strategic assessment (2016/17) and its 2016/17 Q3 report as the CLI writes them (JSON), for the
 * integration tests that check figures, charts and tables against them. One run per test file that asks, in a
 * folder of its own, with the same dates every time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Assessment, Report } from '../../src/model/contract.js';
import { ROOT, tempDir } from '../helpers.js';

export const DEMO = join(ROOT, 'data/demo');

/** Run swp in-process with stdout discarded; the exit code and what it printed on stderr. */
async function swp(argv: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const code = await run(argv, { stdout: { write: () => undefined }, stderr: { write: (s: string) => err.push(s) }, env: {}, cwd: ROOT });
  return { code, stderr: err.join('') };
}

/** Write the demo's assessment and Q3 report as JSON into a new folder; the folder and both documents. */
export async function demoJson(): Promise<{ dir: string; assessment: Assessment; report: Report }> {
  const dir = tempDir();
  const a = await swp(['assess', '-w', DEMO, '--format', 'json', '--out', dir, '--date', '2017-06-30']);
  expect(a.code, a.stderr).toBe(0);
  const r = await swp(['report', '-w', DEMO, '--quarter', '2016/17-Q3', '--format', 'json', '--out', dir, '--date', '2017-01-31']);
  expect(r.code, r.stderr).toBe(0);
  return {
    dir,
    assessment: JSON.parse(readFileSync(join(dir, 'assessment-2016-17.json'), 'utf8')) as Assessment,
    report: JSON.parse(readFileSync(join(dir, 'report-2016-17-Q3.json'), 'utf8')) as Report,
  };
}
