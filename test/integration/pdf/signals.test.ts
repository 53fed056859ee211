/**
 * Ctrl-C for real: a separate node process renders with the real Chromium and is sent SIGINT or SIGTERM mid-render.
 * It must exit 130 promptly, leave no chromium process (found by its unique profile path) and no temporary file in
 * the output folder. And `kill -9`, which no handler can catch: the browser, launched on a pipe, still exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers.js';
import { pdfinfo, processesMentioning, waitForNoProcesses } from './poppler.js';
import { transpileSources } from './transpile.js';

const SLOW = 60_000;
let build: string;

/** The child: launch, say READY with the profile path, then render until stopped. */
const CHILD = `
import { join } from 'node:path';
import { BrowserManager, htmlToPdfFile, installSignalHandlers } from './src/pdf/index.js';
const [mode, outDir] = process.argv.slice(2);
const manager = new BrowserManager();
installSignalHandlers({ onSignal: (s) => process.stderr.write('interrupted by ' + s + '\\n') });
try {
  await manager.browser();
  process.stdout.write('READY ' + manager.userDataDir + '\\n');
  if (mode === 'hang') {
    // A page that never finishes, and no time limit: the signal is the only way out.
    await htmlToPdfFile(manager, '<html><body><h1>Hang</h1><script>for(;;){}</script></body></html>', join(outDir, 'hang.pdf'), { javaScript: true, timeoutMs: 0 });
  } else {
    const rows = Array.from({ length: 400 }, (_, i) => '<tr><td>' + i + '</td><td>' + (i * 37) % 1000 + '</td></tr>').join('');
    const html = '<html><head><title>Loop</title></head><body><h1>Loop</h1><table><thead><tr><th>i</th><th>n</th></tr></thead><tbody>' + rows + '</tbody></table></body></html>';
    for (let i = 0; ; i++) {
      await htmlToPdfFile(manager, html, join(outDir, 'doc-' + (i % 3) + '.pdf'), {});
      process.stdout.write('WROTE ' + i + '\\n');
    }
  }
} finally {
  await manager.dispose();
}
`;

beforeAll(() => {
  build = transpileSources();
  writeFileSync(join(build, 'child.mjs'), CHILD);
});

afterAll(() => rmSync(build, { recursive: true, force: true }));

interface Child {
  proc: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(mode: 'hang' | 'loop', outDir: string): Child {
  const proc = spawn(process.execPath, [join(build, 'child.mjs'), mode, outDir], { cwd: build, stdio: ['ignore', 'pipe', 'pipe'] });
  const child: Child = {
    proc,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  proc.stdout!.on('data', (c: Buffer) => (child.stdout += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (child.stderr += c.toString()));
  return child;
}

/** Wait until the child's stdout matches, or fail with what it printed. */
async function waitFor(child: Child, re: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const m = re.exec(child.stdout);
    if (m) return m;
    if (Date.now() > until || child.proc.exitCode !== null) throw new Error(`child did not print ${re}: stdout ${child.stdout} stderr ${child.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('interrupting a real render', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s mid-render: exit 130 promptly, no chromium left, no profile, no temporary file',
    async (signal) => {
      const out = tempDir('swp-signal-out-');
      const child = startChild('hang', out);
      try {
        const profile = (await waitFor(child, /READY (\S+)/))[1]!;
        expect(processesMentioning(profile).length).toBeGreaterThan(0);
        await new Promise((r) => setTimeout(r, 500)); // inside setContent, the page spinning
        const t0 = performance.now();
        child.proc.kill(signal);
        const { code } = await child.exit;
        const took = performance.now() - t0;
        console.info(`${signal}: exited ${code} in ${Math.round(took)} ms`);
        expect(code).toBe(130);
        expect(took).toBeLessThan(3000);
        expect(child.stderr).toContain(`interrupted by ${signal}`);
        expect(await waitForNoProcesses(profile, 2000)).toEqual([]);
        expect(existsSync(profile)).toBe(false);
        expect(readdirSync(out)).toEqual([]);
      } finally {
        child.proc.kill('SIGKILL');
        rmSync(out, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    'SIGINT between and during writes: complete documents only, never a temporary file',
    async () => {
      const out = tempDir('swp-signal-out-');
      const child = startChild('loop', out);
      try {
        const profile = (await waitFor(child, /READY (\S+)/))[1]!;
        await waitFor(child, /WROTE 1\n/);
        child.proc.kill('SIGINT');
        const { code } = await child.exit;
        expect(code).toBe(130);
        expect(await waitForNoProcesses(profile, 2000)).toEqual([]);
        const files = readdirSync(out);
        expect(files.filter((f) => f.startsWith('.swp-tmp-'))).toEqual([]);
        expect(files.length).toBeGreaterThanOrEqual(2);
        for (const f of files) expect(pdfinfo(join(out, f))['Pages']).toMatch(/^\d+$/);
      } finally {
        child.proc.kill('SIGKILL');
        rmSync(out, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    'kill -9 of node (no handler can run): chromium, on a pipe, exits by itself',
    async () => {
      const out = tempDir('swp-signal-out-');
      const child = startChild('hang', out);
      let profile = '';
      try {
        profile = (await waitFor(child, /READY (\S+)/))[1]!;
        expect(processesMentioning(profile).length).toBeGreaterThan(0);
        child.proc.kill('SIGKILL');
        await child.exit;
        const t0 = performance.now();
        const left = await waitForNoProcesses(profile, 10_000);
        console.info(`kill -9: chromium gone ${Math.round(performance.now() - t0)} ms after node`);
        expect(left).toEqual([]);
      } finally {
        // Nobody was left to remove the profile: that is the one thing a kill -9 leaves behind.
        if (profile) rmSync(profile, { recursive: true, force: true });
        rmSync(out, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
