/**
 * Launching the browser: the flags, decided by small named predicates, and the process itself.
 *
 * swp spawns the browser itself and connects puppeteer to it over the browser's pipe (`--remote-debugging-pipe`,
 * `puppeteer.connect({ transport })`) rather than calling `puppeteer.launch({ pipe: true })`, because in pipe mode
 * puppeteer's launch error says only "Protocol error (Target.setDiscoverTargets): Target closed" and drops what the
 * browser printed; a user needs the browser's own last words ("Running as root without --no-sandbox is not
 * supported", a missing library) to fix it (quarto's `launch.ts` does the same).
 *
 * Why a pipe: with a WebSocket, an unhandled SIGINT or a `kill -9` of node orphaned 9–10 chromium processes
 * (measured); over a pipe, chromium exits when node does because its end of the pipe closes. The browser runs in its
 * own process group (POSIX) so one `kill(-pid)` ends it with its zygote and renderers.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ExitCode, SwpError } from '../model/errors.js';
import { PipeTransport } from './pipe-transport.js';

/** What the sandbox predicates look at, injectable for tests. */
export interface SandboxProbe {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The effective user id, or undefined where there is none (Windows). */
  uid: number | undefined;
  exists(path: string): boolean;
  /** A file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
}

/** The real machine. */
export function defaultSandboxProbe(): SandboxProbe {
  return {
    platform: process.platform,
    env: process.env,
    uid: process.getuid?.(),
    exists: existsSync,
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** Chromium refuses to start its sandbox as root ("Running as root without --no-sandbox is not supported"). */
export function isRunningAsRoot(probe: Pick<SandboxProbe, 'uid'>): boolean {
  return probe.uid === 0;
}

/**
 * Inside a container the sandbox's namespaces are usually not available: Docker (`/.dockerenv`), Podman
 * (`/run/.containerenv`, `container=` in the environment, as systemd-nspawn too), Kubernetes, or a container
 * runtime named in PID 1's cgroup.
 */
export function isInContainer(probe: SandboxProbe): boolean {
  if (probe.platform !== 'linux') return false;
  if (probe.exists('/.dockerenv') || probe.exists('/run/.containerenv')) return true;
  if ((probe.env['container'] ?? '') !== '' || (probe.env['KUBERNETES_SERVICE_HOST'] ?? '') !== '') return true;
  const cgroup = probe.readText('/proc/1/cgroup') ?? '';
  return /\b(docker|kubepods|containerd|libpod|lxc)\b/.test(cgroup);
}

/** `SWP_NO_SANDBOX=1`: the user's escape hatch where the sandbox cannot start for another reason (e.g. AppArmor). */
export function isSandboxDisabledByUser(probe: Pick<SandboxProbe, 'env'>): boolean {
  const v = (probe.env['SWP_NO_SANDBOX'] ?? '').toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}

/** `--no-sandbox` only when needed: as root, in a container, or asked for. */
export function needsNoSandbox(probe: SandboxProbe = defaultSandboxProbe()): boolean {
  return isRunningAsRoot(probe) || isInContainer(probe) || isSandboxDisabledByUser(probe);
}

/**
 * Flags always given, on top of puppeteer's own defaults: nothing in the background talks to the network, no first
 * run UI, no GPU (headless printing needs none), shared memory in /tmp (small /dev/shm in containers), and every
 * host name fails to resolve so even a request the page's interception missed (e.g. a DNS prefetch) cannot leave.
 */
export const ALWAYS_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-domain-reliability',
  '--no-pings',
  '--host-resolver-rules=MAP * ~NOTFOUND',
] as const;

/** Options deciding the flags. */
export interface FlagOptions {
  userDataDir: string;
  noSandbox: boolean;
  /** More flags from the caller, appended last. */
  extraArgs?: readonly string[];
}

/**
 * The complete argument list: puppeteer's defaults for headless Chrome (`--headless=new`, tagged PDF and outline
 * support, no extensions…), the user-data-dir, swp's flags, `--no-sandbox` when needed, and the pipe.
 */
export function launchArgs(options: FlagOptions): string[] {
  const base = puppeteer.defaultArgs({ headless: true, userDataDir: options.userDataDir });
  // puppeteer puts a start URL (about:blank) among its defaults; keep it last so every flag precedes it.
  const urls = base.filter((a) => !a.startsWith('-'));
  const flags = base.filter((a) => a.startsWith('-'));
  const wanted = [...ALWAYS_FLAGS, ...(options.noSandbox ? ['--no-sandbox'] : []), '--remote-debugging-pipe', ...(options.extraArgs ?? [])];
  for (const f of wanted) if (!flags.includes(f)) flags.push(f);
  return [...flags, ...urls];
}

/** How many characters of the browser's output are kept for an error message. */
const OUTPUT_TAIL_CHARS = 8000;

/** A running browser process: its profile folder, the tail of its output, and a synchronous kill. */
export class BrowserProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal) when the process has exited. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  #output = '';
  #exitedFlag = false;
  #spawnError: Error | undefined;
  #profileRemoved = false;
  readonly #onNodeExit = (): void => this.killNow();

  constructor(
    readonly executablePath: string,
    readonly args: readonly string[],
    readonly userDataDir: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const posix = process.platform !== 'win32';
    this.child = spawn(executablePath, args, {
      // stdin ignored; stdout and stderr kept for error messages; fd 3 and 4 are the DevTools pipe.
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      // Its own process group, so one signal reaches the zygote and renderers too.
      detached: posix,
      env,
    });
    const record = (chunk: Buffer): void => {
      this.#output = (this.#output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    this.child.stdout?.on('data', record);
    this.child.stderr?.on('data', record);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.#exitedFlag = true;
        resolve(code ?? signal);
      });
      this.child.once('error', (e) => {
        this.#spawnError = e;
        this.#exitedFlag = true;
        resolve(null);
      });
    });
    // If node exits without disposing (a bug, or process.exit elsewhere), take the browser and profile with it.
    process.on('exit', this.#onNodeExit);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.#exitedFlag;
  }

  /** Why spawning failed (ENOENT, EACCES), if it did. */
  get spawnError(): Error | undefined {
    return this.#spawnError;
  }

  /** The last lines the browser printed (stderr and stdout), blank lines dropped. */
  outputTail(lines = 12): string[] {
    return this.#output
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() !== '')
      .slice(-lines);
  }

  /** The DevTools pipe: fd 3 (to the browser) and fd 4 (from it). */
  pipes(): { write: Writable; read: Readable } {
    const write = this.child.stdio[3] as Writable | null | undefined;
    const read = this.child.stdio[4] as Readable | null | undefined;
    if (!write || !read) throw new Error('the browser was spawned without its DevTools pipe');
    return { write, read };
  }

  /** Kill the browser and all its processes now, and remove its profile. Synchronous: safe in a signal handler. */
  killNow(): void {
    const pid = this.child.pid;
    if (pid !== undefined) {
      if (process.platform === 'win32') {
        if (!this.#exitedFlag) spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
      } else {
        // The whole group, even if the leader has gone: a straggling renderer must not survive.
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          if (!this.#exitedFlag) {
            try {
              this.child.kill('SIGKILL');
            } catch {
              // Already gone.
            }
          }
        }
      }
    }
    this.removeProfileNow();
  }

  /** Remove the temporary profile folder (synchronously). */
  removeProfileNow(): void {
    if (this.#profileRemoved) return;
    this.#profileRemoved = true;
    process.off('exit', this.#onNodeExit);
    try {
      rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      // A profile left in the temp folder is harmless; never fail a run over it.
    }
  }

  /** Remove the temporary profile folder. */
  async removeProfile(): Promise<void> {
    if (this.#profileRemoved) return;
    this.#profileRemoved = true;
    process.off('exit', this.#onNodeExit);
    await rm(this.userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
  }

  /**
   * Close gracefully: ask the browser to quit (the caller sends `Browser.close`), wait up to `graceMs` for it to exit,
   * then kill what is left and remove the profile.
   */
  async waitAndClean(graceMs = 3000): Promise<void> {
    if (!this.#exitedFlag) await Promise.race([this.exited, delay(graceMs)]);
    // Kill the group even after a clean exit: it is a no-op then, and it ends any straggler.
    const pid = this.child.pid;
    if (pid !== undefined && process.platform !== 'win32') {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // No process left in the group: the normal case.
      }
    } else if (!this.#exitedFlag) {
      this.killNow();
    }
    await this.removeProfile();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Options of `launchBrowser`. */
export interface LaunchOptions {
  executablePath: string;
  /** Default: `needsNoSandbox()` on this machine. */
  noSandbox?: boolean;
  extraArgs?: readonly string[];
  /** How long the browser may take to start, in ms (default 30 000). */
  timeoutMs?: number;
  /** puppeteer's per-command protocol timeout, in ms (default puppeteer's 180 000). */
  protocolTimeoutMs?: number;
  /** Where the temporary profile folder is made (default the OS temp folder). */
  tmpDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Called as soon as the process exists, before it is connected, so a signal arriving now can still kill it. */
  onSpawn?: (proc: BrowserProcess) => void;
  onDebug?: (text: string) => void;
}

/** A launched, connected browser. */
export interface LaunchedBrowser {
  browser: Browser;
  process: BrowserProcess;
}

/** Prefix of the per-run profile folders, so a stray one is recognisable. */
export const PROFILE_PREFIX = 'swp-chromium-';

/**
 * Start the browser with a fresh temporary profile and connect puppeteer to it. A failure to start is an
 * `SwpError(RENDER)` whose `found` is the tail of what the browser printed.
 */
export async function launchBrowser(options: LaunchOptions): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(options.tmpDir ?? tmpdir(), PROFILE_PREFIX));
  const noSandbox = options.noSandbox ?? needsNoSandbox();
  const args = launchArgs({ userDataDir, noSandbox, extraArgs: options.extraArgs });
  options.onDebug?.(`swp:browser launching ${options.executablePath} ${args.join(' ')}`);
  const proc = new BrowserProcess(options.executablePath, args, userDataDir, options.env);
  options.onSpawn?.(proc);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { write, read } = proc.pipes();
    const transport = new PipeTransport(write, read);
    const exitedEarly = proc.exited.then((code) => {
      throw new Error(`the browser exited while starting (${String(code)})`);
    });
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the browser did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const connecting = puppeteer.connect({
      transport,
      ...(options.protocolTimeoutMs !== undefined ? { protocolTimeout: options.protocolTimeoutMs } : {}),
    });
    // Whichever loses must not become an unhandled rejection.
    exitedEarly.catch(() => undefined);
    connecting.catch(() => undefined);
    const browser = await Promise.race([connecting, exitedEarly, timedOut]);
    options.onDebug?.(`swp:browser started pid ${proc.pid ?? '?'} (${await browser.version()})`);
    return { browser, process: proc };
  } catch (e) {
    // Give the browser a moment to finish printing why it failed, then make sure it is gone.
    await Promise.race([proc.exited, delay(1000)]);
    proc.killNow();
    throw launchError(proc, e, noSandbox);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The error for a browser that would not start: its own last words, and a hint that fits them. */
function launchError(proc: BrowserProcess, cause: unknown, noSandbox: boolean): SwpError {
  const spawnError = proc.spawnError as NodeJS.ErrnoException | undefined;
  const tail = proc.outputTail();
  const said = tail.join('\n');
  let hint = 'check that this is a working Chrome, Chromium or Edge (run it with --version), or choose another with --browser or SWP_BROWSER';
  if (/no-sandbox|No usable sandbox|setuid sandbox/i.test(said) && !noSandbox) {
    hint = 'the browser could not start its sandbox here; set SWP_NO_SANDBOX=1 to run it without (only for trusted documents, as swp renders)';
  } else if (/error while loading shared libraries|cannot open shared object/i.test(said)) {
    hint = "the browser is missing system libraries; install your distribution's chromium package (Debian: `apt-get install chromium`), which brings them";
  }
  const found = spawnError
    ? `${spawnError.code ?? 'error'}: ${spawnError.message}`
    : tail.length > 0
      ? // Aligned under formatProblems' "  found:    " label.
        tail.join('\n            ')
      : `no output from the browser (${cause instanceof Error ? cause.message : String(cause)})`;
  return new SwpError(
    ExitCode.RENDER,
    {
      message: 'the browser failed to start',
      file: proc.executablePath,
      expected: 'a browser that starts headless and accepts DevTools commands on its pipe',
      found,
      hint,
    },
    { cause },
  );
}
