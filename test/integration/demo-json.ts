/**
 * The demo's strategic assessment (2016/17) and its 2016/17 Q3 report as the CLI writes them (JSON), for the
 * integration tests that check figures, charts and tables against them.
 *
 * One run per `vitest run`, shared by every file that asks: test files run in separate workers, so the first to
 * ask takes a lock (an atomic mkdir) in the run's folder from test/global-setup.ts, writes the documents and a
 * `done` marker; the others wait for the marker and read the same files. Nothing is kept between runs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, inject } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Assessment, Report } from '../../src/model/contract.js';
import { ROOT } from '../helpers.js';

export const DEMO = join(ROOT, 'data/demo');

/** Run swp in-process with stdout discarded; the exit code and what it printed on stderr. */
async function swp(argv: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const code = await run(argv, { stdout: { write: () => undefined }, stderr: { write: (s: string) => err.push(s) }, env: {}, cwd: ROOT });
  return { code, stderr: err.join('') };
}

/** Write the two documents into `dir`; a failure is written as the marker's text so waiting files fail too. */
async function writeDemo(dir: string): Promise<void> {
  const a = await swp(['assess', '-w', DEMO, '--format', 'json', '--out', dir, '--date', '2017-06-30']);
  const r = a.code === 0
    ? await swp(['report', '-w', DEMO, '--quarter', '2016/17-Q3', '--format', 'json', '--out', dir, '--date', '2017-01-31'])
    : a;
  const failed = a.code !== 0 ? `assess exited ${a.code}: ${a.stderr}` : r.code !== 0 ? `report exited ${r.code}: ${r.stderr}` : '';
  writeFileSync(join(dir, 'done'), failed);
}

/** Wait (up to the hook timeout) for the file that took the lock to finish. */
async function waitForDone(dir: string): Promise<void> {
  for (let waited = 0; !existsSync(join(dir, 'done')); waited += 100) {
    if (waited > 110_000) throw new Error(`no demo documents in ${dir} after ${waited / 1000} s`);
    await sleep(100);
  }
}

/** The demo's assessment and Q3 report, written once per test run; the folder and both documents. */
export async function demoJson(): Promise<{ dir: string; assessment: Assessment; report: Report }> {
  const dir = inject('demoJsonDir');
  let owner = true;
  try {
    mkdirSync(join(dir, 'lock'));
  } catch {
    owner = false;
  }
  if (owner) await writeDemo(dir);
  else await waitForDone(dir);
  const failed = readFileSync(join(dir, 'done'), 'utf8');
  expect(failed, 'the shared demo run failed').toBe('');
  return {
    dir,
    assessment: JSON.parse(readFileSync(join(dir, 'assessment-2016-17.json'), 'utf8')) as Assessment,
    report: JSON.parse(readFileSync(join(dir, 'report-2016-17-Q3.json'), 'utf8')) as Report,
  };
}
