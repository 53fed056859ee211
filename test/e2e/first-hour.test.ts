/**
 * Small things an analyst meets in the first hour (issue 15): help piped into `head`, a workspace found from a
 * subfolder, `report` without --quarter, and a --timeout that is not a number.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { ExitCode } from '../../src/model/errors.js';
import { FIXTURES, ROOT, tempDir } from '../helpers.js';

const VALID = join(FIXTURES, 'workspaces/valid');

async function swp(argv: string[], cwd = ROOT) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: {}, cwd };
  const code = await run(argv, io);
  return { code, ...out };
}

describe('the first hour', () => {
  it('help piped into a reader that stops at once ends quietly: exit 0, no EPIPE stack trace', () => {
    // `true` exits without reading, so swp writes into a closed pipe (as `| head -2` does with a long output).
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${join(ROOT, 'bin/swp.js')}" assess --help | true; exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(0);
  });

  it('finds the workspace from a subfolder when --workspace is not given', async () => {
    const r = await swp(['validate'], join(VALID, 'crime', 'police-uk', '2016-04'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('Castlebridge');
  });

  it('an explicit --workspace is taken as given, not searched upwards', async () => {
    const r = await swp(['validate', '-w', join(VALID, 'crime')]);
    expect(r.code).toBe(ExitCode.CONFIG);
    expect(r.stderr).toContain('no swp.config.yaml in the workspace');
  });

  it('`swp report` without --quarter writes the latest complete quarter', async () => {
    const out = tempDir();
    const r = await swp(['report', '-w', VALID, '--format', 'json', '--out', out, '--date', '2016-07-31']);
    expect(r.code, r.stderr).toBe(0);
    // The fixture's street files are April to June 2016: the latest complete quarter is 2016/17 Q1.
    expect(r.stderr).toContain('report-2016-17-Q1.json');
  });

  it('--timeout abc is a usage error, not "no timeout"', async () => {
    for (const command of ['assess', 'report']) {
      const r = await swp([command, '-w', VALID, '--timeout', 'abc', '--format', 'json', '--out', tempDir()]);
      expect(r.code, command).toBe(ExitCode.USAGE);
      expect(r.stderr, command).toContain('invalid --timeout');
    }
    const ok = await swp(['report', '-w', VALID, '--timeout', '0', '--format', 'json', '--out', tempDir(), '--date', '2016-07-31']);
    expect(ok.code, ok.stderr).toBe(0);
  });
});
