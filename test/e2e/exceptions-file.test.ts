/**
 * `swp report` with workspace/exceptions.csv rows the report does not show: the small valid fixture (no exceptions in
 * 2016/17 Q1) with an exceptions file of two rows — one for an indicator on the report (on track, so not shown), one
 * with a misspelt id — gives two located warnings, and exit 6 with --fail-on-warnings. Expected lines are written
 * here from the file's own rows, not from swp's output.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { FIXTURES, tempDir } from '../helpers.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function workspace(): string {
  const ws = tempDir('swp-exceptions-');
  temps.push(ws);
  cpSync(join(FIXTURES, 'workspaces/valid'), ws, { recursive: true });
  const config = readFileSync(join(ws, 'swp.config.yaml'), 'utf8').replace('  scores: workspace/scores.csv\n', '  scores: workspace/scores.csv\n  exceptions: workspace/exceptions.csv\n');
  writeFileSync(join(ws, 'swp.config.yaml'), config);
  writeFileSync(join(ws, 'workspace/exceptions.csv'), ['indicator,owner,action,decision', 'recorded-crime.burglary,Burglary lead,Target hardening,None', 'reoffending.adutl,IOM lead,Review the cohort,Agree the review', ''].join('\r\n'));
  return ws;
}

async function report(ws: string, extra: string[] = []) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: {} as Record<string, string | undefined>, cwd: ws };
  const outDir = tempDir('swp-exceptions-out-');
  temps.push(outDir);
  const code = await run(['report', '-w', ws, '--quarter', '2016/17-Q1', '--format', 'json', '--date', '2016-07-31', '--out', outDir, ...extra], io);
  return { code, stderr: out.stderr, json: JSON.parse(readFileSync(join(outDir, 'report-2016-17-Q1.json'), 'utf8')) as { exceptions: unknown[] } };
}

describe('rows of workspace/exceptions.csv the report does not show', () => {
  it('are each a warning with the file, the line, the indicator and why; exit 6 with --fail-on-warnings', async () => {
    const ws = workspace();
    const r = await report(ws);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.exceptions).toEqual([]);
    const lines = r.stderr.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    const burglary = at('warning: workspace/exceptions.csv:2: indicator "recorded-crime.burglary" is not an exception in 2016/17 Q1: its row in the exceptions file is not shown');
    expect(burglary, r.stderr).toBeGreaterThanOrEqual(0);
    expect(lines[burglary + 1]).toBe('  hint: it is on track this quarter (no special-cause concern and no significant deterioration), so the row can wait until it is an exception');
    const typo = at('warning: workspace/exceptions.csv:3: indicator "reoffending.adutl" in the exceptions file is not on the board report: its row is ignored');
    expect(typo, r.stderr).toBeGreaterThanOrEqual(0);
    expect(lines[typo + 1]).toBe('  hint: did you mean "reoffending.adult"?');
    expect((await report(ws, ['--fail-on-warnings'])).code).toBe(6);
  }, 60_000);
});
