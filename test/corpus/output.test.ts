/**
 * The file system as the user's error (issue 11, point 7): an --out that is a file, a full disk, a file-size limit,
 * a read-only disk or a folder in the way is a typed error (exit 7) naming the path with a hint; nothing is
 * half-written and earlier documents stay as they were; output of another year or quarter never mixes with this
 * run's in one folder.
 *
 * The full disk and the read-only disk are real: a small tmpfs mounted for the test (root only, as in CI; skipped
 * where mounting is not allowed). The file-size limit is real too: `ulimit -f` in the shell that starts bin/swp.js.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { commitFiles, outputError } from '../../src/files/atomic.js';
import { ExitCode } from '../../src/model/errors.js';
import { FIXTURES, ROOT, tempDir } from '../helpers.js';

const VALID = join(FIXTURES, 'workspaces/valid');
const DEMO = join(ROOT, 'data/demo');
const STACK = /^\s+at /m;
const Q1 = ['report', '-w', VALID, '--quarter', '2016/17-Q1', '--date', '2016-07-31'];

async function swp(argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: {}, cwd: ROOT };
  const code = await run(argv, io);
  return { code, ...out };
}

/** Every file under a folder (relative paths, sorted), temporaries included. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out.sort();
}

/** A small tmpfs, when this process may mount one (root on Linux); undefined otherwise. */
const mounts: string[] = [];
function smallDisk(options: string): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = tempDir('swp-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  mounts.push(dir);
  return dir;
}
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
});
const canMount = (() => {
  const d = smallDisk('size=64k');
  return d !== undefined;
})();

describe('output folder errors are the user’s, with exit code 7', () => {
  it('--out naming an existing file: exit 7 naming it, the file untouched, no stack', async () => {
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'my notes');
    const r = await swp([...Q1, '--format', 'json', '--out', file]);
    expect(r.code).toBe(ExitCode.OUTPUT);
    expect(r.stderr).toMatch(/error: .*notes\.txt: the output folder is a file/);
    expect(r.stderr).toContain('hint:');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toContain('bug in swp');
    expect(readFileSync(file, 'utf8')).toBe('my notes');
  });

  it('--out below a file: exit 7 naming the file that is in the way', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'reports'), '');
    const r = await swp([...Q1, '--format', 'json', '--out', join(dir, 'reports', '2016')]);
    expect(r.code).toBe(ExitCode.OUTPUT);
    expect(r.stderr).toMatch(/error: .*reports: a part of the output path is a file, not a folder/);
    expect(listing(dir)).toEqual(['reports']);
  });

  it('a folder where the JSON is to go: exit 7, and none of the run’s other files replace the earlier ones', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'report-2016-17-Q1.json'));
    writeFileSync(join(out, 'report-2016-17-Q1.html'), 'EARLIER');
    const r = await swp([...Q1, '--format', 'json,html', '--out', out]);
    expect(r.code).toBe(ExitCode.OUTPUT);
    expect(r.stderr).toContain('a folder stands where a document is to be written');
    expect(r.stderr).toContain('report-2016-17-Q1.json');
    expect(readFileSync(join(out, 'report-2016-17-Q1.html'), 'utf8')).toBe('EARLIER');
    expect(listing(out)).toEqual(['report-2016-17-Q1.html']);
  });

  it('a file-size limit (ulimit -f) met by the HTML: exit 7, the earlier JSON kept byte for byte, no temporaries', () => {
    const out = tempDir();
    writeFileSync(join(out, 'report-2016-17-Q1.json'), 'EARLIER');
    // 32 KiB: the report's JSON (~13 KB) fits, its HTML (~110 KB) does not.
    const r = spawnSync('bash', ['-c', 'ulimit -f 32; exec "$0" "$@"', process.execPath, join(ROOT, 'bin/swp.js'), ...Q1, '--format', 'json,html', '--out', out], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(ExitCode.OUTPUT);
    expect(r.stderr).toContain('the file is larger than the file-size limit allows');
    expect(r.stderr).toContain('EFBIG');
    expect(r.stderr).not.toMatch(STACK);
    expect(readFileSync(join(out, 'report-2016-17-Q1.json'), 'utf8')).toBe('EARLIER');
    expect(listing(out)).toEqual(['report-2016-17-Q1.json']);
  });

  it.skipIf(!canMount)('a full disk (a 64 KiB tmpfs): exit 7 "the disk is full", nothing written, no temporaries', async () => {
    const disk = smallDisk('size=64k')!;
    const r = await swp([...Q1, '--format', 'json,html,csv', '--out', disk]);
    expect(r.code).toBe(ExitCode.OUTPUT);
    expect(r.stderr).toContain('the disk is full');
    expect(r.stderr).toContain('ENOSPC');
    expect(listing(disk)).toEqual([]);
  });

  it.skipIf(!canMount)('a read-only disk: exit 7 before any data are read', async () => {
    const disk = smallDisk('size=64k,ro')!;
    const r = await swp([...Q1, '--format', 'json', '--out', join(disk, 'out')]);
    expect(r.code).toBe(ExitCode.OUTPUT);
    expect(r.stderr).toContain('read-only file system');
    // Checked before the data are read: the run never announced the report.
    expect(r.stderr).not.toContain('performance report for');
  });

  it('permission and other errors map to exit 7 with the path and a hint; an unknown error is left as a bug', () => {
    for (const [code, words] of [
      ['EACCES', 'no permission'],
      ['EPERM', 'did not allow'],
      ['ENOSPC', 'disk is full'],
      ['EFBIG', 'file-size limit'],
      ['EROFS', 'read-only'],
    ] as const) {
      const e = outputError(Object.assign(new Error(`${code}: something, open '/x/y.pdf'`), { code }), '/x/y.pdf', '/x');
      expect(e?.code, code).toBe(ExitCode.OUTPUT);
      expect(e?.problems[0]?.message, code).toContain(words);
      expect(e?.problems[0]?.file, code).toBe('y.pdf');
      expect(e?.problems[0]?.hint, code).toBeTruthy();
    }
    expect(outputError(Object.assign(new Error('x'), { code: 'EINVAL' }), '/x/y.pdf')).toBeUndefined();
    expect(outputError(new TypeError('a bug'), '/x/y.pdf')).toBeUndefined();
  });

  it('a run’s files are written all or nothing: a second file that cannot be written leaves the first as it was', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), 'OLD');
    writeFileSync(join(dir, 'blocker'), '');
    const err = await commitFiles([
      { path: join(dir, 'a.json'), data: 'NEW' },
      { path: join(dir, 'blocker', 'b.csv'), data: 'x' },
    ]).catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(ExitCode.OUTPUT);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('OLD');
    expect(listing(dir)).toEqual(['a.json', 'blocker']);
  });
});

describe('runs never mix in one folder', () => {
  it('a data-table file left by an earlier run is removed when the run writes that folder again', async () => {
    const out = tempDir();
    const first = await swp([...Q1, '--format', 'csv', '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const tables = listing(join(out, 'report-2016-17-Q1-data'));
    expect(tables.length).toBeGreaterThan(1);
    writeFileSync(join(out, 'report-2016-17-Q1-data', 'hotspots.csv'), 'from another run\r\n');
    writeFileSync(join(out, 'my-notes.txt'), 'kept');
    const second = await swp([...Q1, '--format', 'csv', '--out', out]);
    expect(second.code, second.stderr).toBe(0);
    expect(listing(join(out, 'report-2016-17-Q1-data'))).toEqual(tables);
    // Only the run's own data folder is cleared, never the rest of the output folder.
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('kept');
  });

  it('two years’ assessments in one folder keep their own files, each with its own year inside', async () => {
    const out = tempDir();
    for (const year of ['2015/16', '2016/17']) {
      const r = await swp(['assess', '-w', DEMO, '--year', year, '--format', 'json,csv', '--out', out, '--date', '2017-06-30', '--quiet']);
      expect(r.code, r.stderr).toBe(0);
    }
    const files = listing(out).filter((f) => !f.includes('/'));
    expect(files).toEqual(['assessment-2015-16.json', 'assessment-2016-17.json']);
    expect(JSON.parse(readFileSync(join(out, 'assessment-2015-16.json'), 'utf8')).period.label).toBe('2015/16');
    expect(JSON.parse(readFileSync(join(out, 'assessment-2016-17.json'), 'utf8')).period.label).toBe('2016/17');
    expect(existsSync(join(out, 'assessment-2015-16-data', 'indicators.csv'))).toBe(true);
    expect(existsSync(join(out, 'assessment-2016-17-data', 'indicators.csv'))).toBe(true);
  }, 60_000);
});
