/** The browser discovery chain, driven entirely by an injected machine: no file system, no real browser. */
import { describe, expect, it } from 'vitest';
import { ExitCode, type Warning } from '../../../src/model/errors.js';
import { findBrowser, installAdvice, systemCandidates, type BrowserSearchEnv } from '../../../src/pdf/find-browser.js';
import { rejection } from '../../helpers.js';

/** A fake machine on which only `executables` are executable files. */
function machine(over: Partial<BrowserSearchEnv> & { executables?: string[] } = {}): Partial<BrowserSearchEnv> {
  const executables = new Set(over.executables ?? []);
  return {
    platform: 'linux',
    env: {},
    home: '/home/ann',
    isExecutable: async (p) => executables.has(p),
    puppeteerExecutablePath: async () => undefined,
    ...over,
  };
}

async function find(m: Partial<BrowserSearchEnv>, browserPath?: string) {
  const warnings: Warning[] = [];
  const found = await findBrowser({ browserPath, searchEnv: m, onWarning: (w) => warnings.push(w) });
  return { found, warnings };
}

describe('findBrowser: each source', () => {
  it('takes --browser when it is executable', async () => {
    const { found } = await find(machine({ executables: ['/opt/x/chrome', '/usr/bin/chromium'], env: { PATH: '/usr/bin' } }), '/opt/x/chrome');
    expect(found).toEqual({ executablePath: '/opt/x/chrome', source: 'option', detail: '--browser' });
  });

  it('fails with RENDER when --browser is not executable (an explicit choice is not skipped)', async () => {
    const err = await rejection(findBrowser({ browserPath: '/nope/chrome', searchEnv: machine({ executables: ['/usr/bin/chromium'] }) }));
    expect(err.code).toBe(ExitCode.RENDER);
    expect(err.problems[0]).toMatchObject({ keyPath: '--browser', found: '"/nope/chrome"' });
  });

  it.each(['SWP_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'])('takes %s', async (name) => {
    const { found, warnings } = await find(machine({ executables: ['/env/chrome'], env: { [name]: '/env/chrome' } }));
    expect(found).toEqual({ executablePath: '/env/chrome', source: 'env', detail: name });
    expect(warnings).toEqual([]);
  });

  it("takes puppeteer's own Chrome when installed and downloaded", async () => {
    const m = machine({ executables: ['/cache/chrome/linux-1/chrome'], puppeteerExecutablePath: async () => '/cache/chrome/linux-1/chrome' });
    expect((await find(m)).found).toEqual({ executablePath: '/cache/chrome/linux-1/chrome', source: 'puppeteer', detail: "puppeteer's own Chrome" });
  });

  it("skips puppeteer when its Chrome was never downloaded (the offline install here)", async () => {
    const m = machine({ executables: ['/usr/bin/chromium'], env: { PATH: '/usr/bin' }, puppeteerExecutablePath: async () => '/cache/missing/chrome' });
    expect((await find(m)).found.source).toBe('system');
  });

  it('finds a system browser on PATH, in the documented command order', async () => {
    const m = machine({ executables: ['/usr/local/bin/chromium', '/usr/bin/google-chrome-stable'], env: { PATH: '/usr/local/bin:/usr/bin' } });
    expect((await find(m)).found).toEqual({ executablePath: '/usr/bin/google-chrome-stable', source: 'system', detail: 'google-chrome-stable on PATH' });
  });

  it('finds a system browser at a common path when PATH is minimal', async () => {
    const m = machine({ executables: ['/snap/bin/chromium'], env: { PATH: '/bin' } });
    expect((await find(m)).found).toEqual({ executablePath: '/snap/bin/chromium', source: 'system', detail: '/snap/bin/chromium' });
  });

  it('finds Edge on Linux', async () => {
    const m = machine({ executables: ['/opt/microsoft/msedge/msedge'], env: { PATH: '' } });
    expect((await find(m)).found.executablePath).toBe('/opt/microsoft/msedge/msedge');
  });

  it('finds Chrome in /Applications on macOS, then ~/Applications, then Edge', async () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const userChromium = '/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium';
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    const mac = (executables: string[]) => machine({ platform: 'darwin', home: '/Users/ann', executables });
    expect((await find(mac([chrome, userChromium, edge]))).found).toMatchObject({ executablePath: chrome, detail: 'Chrome in /Applications' });
    expect((await find(mac([userChromium, edge]))).found).toMatchObject({ executablePath: userChromium, detail: 'Chromium in ~/Applications' });
    expect((await find(mac([edge]))).found.executablePath).toBe(edge);
  });

  it('finds Chrome, then Edge, under Program Files on Windows', async () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' };
    const win = (executables: string[]) => machine({ platform: 'win32', env, executables });
    const userChrome = 'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect((await find(win([edge, userChrome]))).found).toMatchObject({ executablePath: userChrome, source: 'system' });
    expect((await find(win([edge]))).found.executablePath).toBe(edge);
  });
});

describe('findBrowser: precedence', () => {
  const all = ['/opt/flag/chrome', '/env/swp', '/env/pptr', '/env/chrome-path', '/cache/pptr/chrome', '/usr/bin/chromium'];
  const env = { SWP_BROWSER: '/env/swp', PUPPETEER_EXECUTABLE_PATH: '/env/pptr', CHROME_PATH: '/env/chrome-path', PATH: '/usr/bin' };
  const pptr = async () => '/cache/pptr/chrome';

  it('--browser > SWP_BROWSER > PUPPETEER_EXECUTABLE_PATH > CHROME_PATH > puppeteer > system', async () => {
    const order: string[] = [];
    let available = [...all];
    let flag: string | undefined = '/opt/flag/chrome';
    for (;;) {
      const m = machine({ executables: available, env, puppeteerExecutablePath: pptr });
      let found;
      try {
        found = (await find(m, flag)).found;
      } catch {
        break;
      }
      order.push(found.executablePath);
      available = available.filter((p) => p !== found.executablePath);
      if (found.source === 'option') flag = undefined;
    }
    expect(order).toEqual(all);
  });

  it('an env variable set to a missing or non-executable file warns and the chain goes on', async () => {
    const m = machine({
      executables: ['/env/chrome-path'],
      env: { SWP_BROWSER: '/typo/chrome', PUPPETEER_EXECUTABLE_PATH: '/etc/passwd', CHROME_PATH: '/env/chrome-path' },
    });
    const { found, warnings } = await find(m);
    expect(found).toMatchObject({ executablePath: '/env/chrome-path', detail: 'CHROME_PATH' });
    expect(warnings.map((w) => w.keyPath)).toEqual(['SWP_BROWSER', 'PUPPETEER_EXECUTABLE_PATH']);
    expect(warnings[0]?.message).toContain('/typo/chrome');
  });

  it('an empty env variable counts as unset (no warning)', async () => {
    const m = machine({ executables: ['/usr/bin/chromium'], env: { SWP_BROWSER: '', CHROME_PATH: '  ', PATH: '/usr/bin' } });
    const { found, warnings } = await find(m);
    expect(found.source).toBe('system');
    expect(warnings).toEqual([]);
  });

  it('checks executability, not existence: every candidate goes through isExecutable', async () => {
    const asked: string[] = [];
    const m = machine({
      env: { SWP_BROWSER: '/env/swp', PATH: '/usr/bin' },
      isExecutable: async (p) => {
        asked.push(p);
        return false;
      },
    });
    await rejection(findBrowser({ searchEnv: m }));
    expect(asked[0]).toBe('/env/swp');
    expect(asked).toContain('/usr/bin/chromium');
    expect(asked).toContain('/opt/google/chrome/chrome');
  });
});

describe('findBrowser: none found', () => {
  it('is a RENDER error with install advice for the platform', async () => {
    const err = await rejection(findBrowser({ searchEnv: machine({ env: { PATH: '/usr/bin' } }) }));
    expect(err.code).toBe(ExitCode.RENDER);
    const p = err.problems[0]!;
    expect(p.message).toMatch(/no Chrome, Chromium or Edge was found/);
    expect(p.hint).toContain('apt-get install chromium');
    expect(p.hint).toContain('npx puppeteer browsers install chrome');
    expect(p.hint).toContain('SWP_BROWSER');
  });

  it('advises per platform', () => {
    expect(installAdvice('darwin')).toMatch(/Applications/);
    expect(installAdvice('win32')).toMatch(/Edge/);
    for (const p of ['linux', 'darwin', 'win32'] as const) expect(installAdvice(p)).toContain('SWP_BROWSER');
  });
});

describe('systemCandidates', () => {
  it('ignores empty and relative PATH entries and lists commands before common paths', () => {
    const c = systemCandidates({ platform: 'linux', env: { PATH: ':relative/bin:/usr/bin' }, home: '/root' }).map((x) => x.path);
    expect(c[0]).toBe('/usr/bin/google-chrome');
    expect(c.some((p) => p.startsWith('relative'))).toBe(false);
    expect(c.indexOf('/usr/bin/microsoft-edge')).toBeLessThan(c.indexOf('/opt/google/chrome/chrome'));
  });
});
