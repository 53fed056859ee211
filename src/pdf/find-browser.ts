/**
 * Finding a Chrome, Chromium or Edge to print with. A documented chain, first match wins, and the answer says where
 * the browser came from (marp-cli's `src/browser/finders/`, quarto's `detectBrowser`):
 *
 *   1. `--browser PATH` (an explicit choice: if it is not an executable file, that is an error, not a fall-through);
 *   2. the environment: `SWP_BROWSER`, then `PUPPETEER_EXECUTABLE_PATH`, then `CHROME_PATH` (one that is set but is
 *      not an executable file gives a warning and the chain goes on);
 *   3. puppeteer's own Chrome, if the optional `puppeteer` package is installed and its download exists;
 *   4. a system Chrome, Chromium or Edge, by platform: on Linux the commands `google-chrome`, `google-chrome-stable`,
 *      `chromium`, `chromium-browser`, `microsoft-edge`, `microsoft-edge-stable` on PATH, then their usual install
 *      paths; on macOS the apps in /Applications and ~/Applications; on Windows the Program Files and
 *      %LOCALAPPDATA% installs.
 *
 * Every candidate is checked for being an executable file (`fs.access(X_OK)` on a regular file), not for mere
 * existence. Each finder is a small function of a `BrowserSearchEnv` (platform, environment variables, the file
 * check, puppeteer's path) so the tests drive every branch without touching the machine.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import { ExitCode, SwpError, showFound, type Warning } from '../model/errors.js';

/** Where a browser was found. */
export type BrowserSource = 'option' | 'env' | 'puppeteer' | 'system';

/** A browser the chain found: its executable and a one-line account of where it came from. */
export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
  /** e.g. `--browser`, `SWP_BROWSER`, `puppeteer's own Chrome`, `chromium on PATH`, `Chrome in /Applications`. */
  detail: string;
}

/** Everything the finders look at, injectable for tests. `defaultSearchEnv()` is the real machine. */
export interface BrowserSearchEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The user's home folder (for ~/Applications on macOS). */
  home: string;
  /** True when `path` is a regular file this process may execute. */
  isExecutable(path: string): Promise<boolean>;
  /** The path where the optional `puppeteer` package keeps its own Chrome, or undefined if it is not installed. */
  puppeteerExecutablePath(): Promise<string | undefined>;
}

/** Options of `findBrowser`. */
export interface FindBrowserOptions {
  /** The `--browser PATH` option, if given. */
  browserPath?: string;
  /** Notes for the user (an env variable set to a missing file). The finder never prints. */
  onWarning?: (w: Warning) => void;
  /** Override parts of the machine (tests). */
  searchEnv?: Partial<BrowserSearchEnv>;
}

/** Environment variables naming a browser, in the order they are consulted. */
export const BROWSER_ENV_VARS = ['SWP_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/** Linux commands looked up on PATH, in order of preference. */
const LINUX_COMMANDS = [
  'google-chrome',
  'google-chrome-stable',
  'chromium',
  'chromium-browser',
  'microsoft-edge',
  'microsoft-edge-stable',
] as const;

/** Usual Linux install paths, tried after PATH (a browser may be installed but not on a minimal PATH). */
const LINUX_PATHS = [
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/opt/microsoft/msedge/msedge',
] as const;

/** True when `path` is a regular file that this process may execute. */
async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the optional `puppeteer` package keeps its own Chrome, or undefined when the package is not installed (it is
 * an optional dependency: its download needs the network). Loaded by a computed name so neither TypeScript nor a
 * bundler insists on it.
 */
async function puppeteerOwnChrome(): Promise<string | undefined> {
  const name = 'puppeteer';
  try {
    const mod = (await import(name)) as { default?: { executablePath?: () => string }; executablePath?: () => string };
    const fn = mod.default?.executablePath ?? mod.executablePath;
    return typeof fn === 'function' ? fn.call(mod.default ?? mod) : undefined;
  } catch {
    return undefined;
  }
}

/** The real machine. */
function defaultSearchEnv(): BrowserSearchEnv {
  return {
    platform: process.platform,
    env: process.env,
    home: homedir(),
    isExecutable: isExecutableFile,
    puppeteerExecutablePath: puppeteerOwnChrome,
  };
}

/** A finder: one source of the chain. Resolves to a browser or undefined (go on). */
export type BrowserFinder = (search: BrowserSearchEnv, options: FindBrowserOptions) => Promise<FoundBrowser | undefined>;

/** 1. The `--browser PATH` option. A path given on the command line that is not an executable file is an error. */
const fromOption: BrowserFinder = async (search, options) => {
  const path = options.browserPath;
  if (path === undefined || path === '') return undefined;
  if (await search.isExecutable(path)) return { executablePath: path, source: 'option', detail: '--browser' };
  throw new SwpError(ExitCode.RENDER, {
    message: 'the browser given with --browser is not an executable file',
    keyPath: '--browser',
    expected: 'the path of a Chrome, Chromium or Edge executable',
    found: showFound(path, 200),
    hint: 'check the path (on macOS, point inside the app: …/Google Chrome.app/Contents/MacOS/Google Chrome), or leave --browser out to let swp look for one',
  });
};

/** 2. `SWP_BROWSER`, `PUPPETEER_EXECUTABLE_PATH`, `CHROME_PATH`; a variable set to something unusable warns and goes on. */
const fromEnv: BrowserFinder = async (search, options) => {
  for (const name of BROWSER_ENV_VARS) {
    const value = search.env[name];
    if (value === undefined || value.trim() === '') continue;
    if (await search.isExecutable(value)) return { executablePath: value, source: 'env', detail: name };
    options.onWarning?.({
      message: `${name} is set to ${showFound(value, 200)}, which is not an executable file; looking for a browser elsewhere`,
      keyPath: name,
    });
  }
  return undefined;
};

/** 3. puppeteer's own Chrome, when the optional package is installed and its browser was downloaded. */
const fromPuppeteer: BrowserFinder = async (search) => {
  const path = await search.puppeteerExecutablePath();
  if (path === undefined || path === '') return undefined;
  return (await search.isExecutable(path)) ? { executablePath: path, source: 'puppeteer', detail: "puppeteer's own Chrome" } : undefined;
};

/** A candidate system path with the words that describe it. */
export interface SystemCandidate {
  path: string;
  detail: string;
}

/** The system paths to try for `platform`, in order (pure: no file system access). */
export function systemCandidates(search: Pick<BrowserSearchEnv, 'platform' | 'env' | 'home'>): SystemCandidate[] {
  const { platform, env } = search;
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'] ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env['LOCALAPPDATA']];
    const apps: Array<[string, string]> = [
      ['Google\\Chrome\\Application\\chrome.exe', 'Chrome'],
      ['Chromium\\Application\\chrome.exe', 'Chromium'],
      ['Microsoft\\Edge\\Application\\msedge.exe', 'Edge'],
    ];
    const out: SystemCandidate[] = [];
    for (const [rel, name] of apps) {
      for (const root of roots) {
        if (root) out.push({ path: win32.join(root, rel), detail: `${name} in ${root}` });
      }
    }
    return out;
  }
  if (platform === 'darwin') {
    const apps: Array<[string, string]> = [
      ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chrome'],
      ['Chromium.app/Contents/MacOS/Chromium', 'Chromium'],
      ['Microsoft Edge.app/Contents/MacOS/Microsoft Edge', 'Edge'],
    ];
    const out: SystemCandidate[] = [];
    for (const [rel, name] of apps) {
      out.push({ path: posix.join('/Applications', rel), detail: `${name} in /Applications` });
      if (search.home) out.push({ path: posix.join(search.home, 'Applications', rel), detail: `${name} in ~/Applications` });
    }
    return out;
  }
  // Linux and the other Unixes: the commands on PATH first, then the usual install paths.
  const out: SystemCandidate[] = [];
  const dirs = (env['PATH'] ?? '').split(posix.delimiter).filter((d) => d !== '' && posix.isAbsolute(d));
  for (const cmd of LINUX_COMMANDS) {
    for (const dir of dirs) out.push({ path: posix.join(dir, cmd), detail: `${cmd} on PATH` });
  }
  for (const path of LINUX_PATHS) out.push({ path, detail: path });
  return out;
}

/** 4. A system Chrome, Chromium or Edge. */
const fromSystem: BrowserFinder = async (search) => {
  const seen = new Set<string>();
  for (const c of systemCandidates(search)) {
    if (seen.has(c.path)) continue;
    seen.add(c.path);
    if (await search.isExecutable(c.path)) return { executablePath: c.path, source: 'system', detail: c.detail };
  }
  return undefined;
};

/** The chain, in order. */
const FINDERS: readonly BrowserFinder[] = [fromOption, fromEnv, fromPuppeteer, fromSystem];

/** The install advice shown when no browser is found, by platform. */
export function installAdvice(platform: NodeJS.Platform): string {
  const system =
    platform === 'linux'
      ? 'install Chromium (Debian/Ubuntu: `apt-get install chromium`)'
      : platform === 'darwin'
        ? 'install Google Chrome or Chromium into /Applications'
        : platform === 'win32'
          ? 'install Google Chrome or Microsoft Edge'
          : 'install Chrome or Chromium';
  return `${system}; or run \`npx puppeteer browsers install chrome\`; or set SWP_BROWSER (or pass --browser) to the path of a Chrome, Chromium or Edge executable`;
}

/**
 * Find a browser by the documented chain. Throws `SwpError(RENDER)` with install advice when there is none.
 */
export async function findBrowser(options: FindBrowserOptions = {}): Promise<FoundBrowser> {
  const search: BrowserSearchEnv = { ...defaultSearchEnv(), ...options.searchEnv };
  for (const finder of FINDERS) {
    const found = await finder(search, options);
    if (found) return found;
  }
  throw new SwpError(ExitCode.RENDER, {
    message: 'no Chrome, Chromium or Edge was found to print the PDF with',
    expected: 'a browser from --browser, SWP_BROWSER, PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, puppeteer, or the system',
    found: 'none of these',
    hint: installAdvice(search.platform),
  });
}

/** One line for the user or the debug log: `/usr/bin/chromium (chromium on PATH)`. */
export function describeBrowser(found: FoundBrowser): string {
  return `${found.executablePath} (${found.detail})`;
}
