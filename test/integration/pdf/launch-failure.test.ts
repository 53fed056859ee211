/**
 * A browser that will not start: the error carries the tail of the browser's own output, the process is gone, and
 * its temporary profile is removed. Fake browsers are small shell scripts; one case uses the real Chromium.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode, formatProblems } from '../../../src/model/errors.js';
import { BrowserManager } from '../../../src/pdf/browser-manager.js';
import { rejection, tempDir } from '../../helpers.js';
import { liveInGroup, processesMentioning, waitForNoProcesses } from './poppler.js';

let dir: string;
const made: string[] = [];

/** A temporary profiles folder, removed after the tests. */
function profilesDir(): string {
  const d = tempDir('swp-profiles-');
  made.push(d);
  return d;
}

function fakeBrowser(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

beforeAll(() => {
  dir = tempDir('swp-fake-browser-');
});

afterAll(() => {
  for (const d of [dir, ...made]) rmSync(d, { recursive: true, force: true });
});

/** A manager whose profiles go into a folder of their own, so the test can see they were removed. */
function managerFor(browserPath: string, extra: Partial<ConstructorParameters<typeof BrowserManager>[0]> = {}): BrowserManager {
  const tmp = profilesDir();
  return new BrowserManager({ browserPath, tmpDir: tmp, noSandbox: false, ...extra });
}

describe('a browser that fails to start', () => {
  it('shows the tail of its stderr in `found`, with a hint that fits, exit code RENDER', async () => {
    const exe = fakeBrowser(
      'dies.sh',
      [
        'echo "early noise that should scroll away" >&2',
        ...Array.from({ length: 20 }, (_, i) => `echo "line ${i}" >&2`),
        'echo "[0101/000000.000:FATAL:zygote_host_impl_linux.cc(127)] Running as root without --no-sandbox is not supported." >&2',
        'exit 1',
      ].join('\n'),
    );
    const m = managerFor(exe);
    const err = await rejection(m.browser());
    expect(err.code).toBe(ExitCode.RENDER);
    const p = err.problems[0]!;
    expect(p.message).toBe('the browser failed to start');
    expect(p.file).toBe(exe);
    expect(p.found).toContain('Running as root without --no-sandbox is not supported');
    expect(p.found).toContain('line 19');
    expect(p.found).not.toContain('early noise');
    expect(p.hint).toContain('SWP_NO_SANDBOX=1');
    expect(formatProblems(err)).toMatch(/found: {4}line \d+\n {12}line/);
    await m.dispose();
  });

  it('names missing shared libraries', async () => {
    const exe = fakeBrowser('nolib.sh', 'echo "chrome: error while loading shared libraries: libnss3.so: cannot open shared object file" >&2\nexit 127');
    const err = await rejection(managerFor(exe).browser());
    expect(err.problems[0]?.hint).toContain('apt-get install chromium');
  });

  it('times out a browser that never answers, and kills it with everything it started', async () => {
    const pidFile = join(dir, 'silent.pid');
    // Stays in the foreground with a child of its own, like a browser with its helpers.
    const exe = fakeBrowser('silent.sh', `echo $$ > "${pidFile}"\necho "starting…" >&2\nsleep 60 &\nwait`);
    const tmp = profilesDir();
    const m = new BrowserManager({ browserPath: exe, tmpDir: tmp, launchTimeoutMs: 1000 });
    const t0 = performance.now();
    const err = await rejection(m.browser());
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(err.code).toBe(ExitCode.RENDER);
    expect(err.problems[0]?.found).toContain('starting…');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(pid).toBeGreaterThan(0);
    // Its process group (the script and its sleep) is empty, and nothing mentions the profile.
    await new Promise((r) => setTimeout(r, 200));
    expect(liveInGroup(pid)).toEqual([]);
    expect(await waitForNoProcesses(tmp, 3000)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
    await m.dispose();
  });

  it('removes the temporary profile after a failed start', async () => {
    const exe = fakeBrowser('quick.sh', 'exit 3');
    const tmp = profilesDir();
    const err = await rejection(new BrowserManager({ browserPath: exe, tmpDir: tmp }).browser());
    expect(err.problems[0]?.found).toMatch(/no output from the browser|exited/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)(
    'the real Chromium as root without --no-sandbox: its own words reach the user',
    async () => {
      const tmp = profilesDir();
      const m = new BrowserManager({ tmpDir: tmp, noSandbox: false });
      const err = await rejection(m.browser());
      expect(err.code).toBe(ExitCode.RENDER);
      expect(err.problems[0]?.found).toMatch(/no-sandbox/);
      expect(err.problems[0]?.hint).toMatch(/SWP_NO_SANDBOX/);
      expect(await waitForNoProcesses(tmp, 3000)).toEqual([]);
      expect(existsSync(tmp) && readdirSync(tmp)).toEqual([]);
      expect(processesMentioning(tmp)).toEqual([]);
    },
    60_000,
  );
});
