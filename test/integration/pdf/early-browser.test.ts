/**
 * `assess` and `report` start the browser while the data are read (so that it is ready for the first page). When
 * the run fails before that, the input error is the one reported, and a browser still starting is stopped, not
 * waited for: here a fake browser that never answers (it would hold the run for the 30 s launch timeout).
 */
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run.js';
import { ExitCode } from '../../../src/model/errors.js';
import { ROOT, tempDir } from '../../helpers.js';
import { waitForNoProcesses } from './poppler.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A browser that records its pid and then never answers on the DevTools pipe. */
function silentBrowser(dir: string): { exe: string; pidFile: string } {
  const exe = join(dir, 'silent-browser.sh');
  const pidFile = join(dir, 'browser.pid');
  writeFileSync(exe, `#!/bin/sh\necho $$ > "${pidFile}"\nwhile :; do sleep 1; done\n`);
  chmodSync(exe, 0o755);
  return { exe, pidFile };
}

describe('the browser started ahead of need', () => {
  for (const command of [['assess'], ['report', '--quarter', '2016/17-Q3']]) {
    it(`${command[0]}: a missing input is reported as such, and the starting browser is stopped`, async () => {
      const dir = tempDir('swp-early-');
      made.push(dir);
      // The demo's config without its data: the police.uk folder it names does not exist.
      copyFileSync(join(ROOT, 'data/demo/swp.config.yaml'), join(dir, 'swp.config.yaml'));
      const { exe, pidFile } = silentBrowser(dir);
      const stderr: string[] = [];
      const code = await run([...command, '-w', dir, '--format', 'pdf', '--browser', exe, '--date', '2017-06-30'], {
        stdout: { write: () => true },
        stderr: { write: (s: string) => stderr.push(s) },
        env: {},
        cwd: dir,
      });
      expect(code, stderr.join('')).toBe(ExitCode.INPUT);
      expect(stderr.join('')).toMatch(/does not exist/);
      expect(stderr.join('')).not.toMatch(/browser/i);
      // If the browser got as far as starting, it is gone (killed with its process group), not left running. Its
      // command line holds the script's path, in this test's own folder.
      if (existsSync(pidFile)) expect(Number(readFileSync(pidFile, 'utf8'))).toBeGreaterThan(0);
      expect(await waitForNoProcesses(exe)).toEqual([]);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    });
  }
});
