/** The launch-flag predicates and the argument list, with an injected machine. No browser is started. */
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_FLAGS,
  isInContainer,
  isRunningAsRoot,
  isSandboxDisabledByUser,
  launchArgs,
  needsNoSandbox,
  type SandboxProbe,
} from '../../../src/pdf/launch.js';

function probe(over: Partial<SandboxProbe> & { files?: Record<string, string> } = {}): SandboxProbe {
  const files = over.files ?? {};
  return {
    platform: 'linux',
    env: {},
    uid: 1000,
    exists: (p) => p in files,
    readText: (p) => files[p],
    ...over,
  };
}

describe('sandbox predicates', () => {
  it('root needs --no-sandbox; an ordinary user does not', () => {
    expect(isRunningAsRoot(probe({ uid: 0 }))).toBe(true);
    expect(needsNoSandbox(probe({ uid: 0 }))).toBe(true);
    expect(isRunningAsRoot(probe({ uid: 1000 }))).toBe(false);
    expect(needsNoSandbox(probe())).toBe(false);
    // Windows has no uid.
    expect(needsNoSandbox(probe({ platform: 'win32', uid: undefined }))).toBe(false);
  });

  it.each([
    ['Docker', { files: { '/.dockerenv': '' } }],
    ['Podman', { files: { '/run/.containerenv': '' } }],
    ['systemd-nspawn / podman env', { env: { container: 'podman' } }],
    ['Kubernetes', { env: { KUBERNETES_SERVICE_HOST: '10.0.0.1' } }],
    ['a container runtime in PID 1 cgroup', { files: { '/proc/1/cgroup': '0::/system.slice/containerd.service\n' } }],
    ['docker in cgroup v1', { files: { '/proc/1/cgroup': '12:pids:/docker/0123abcd\n' } }],
  ])('detects a container: %s', (_name, over) => {
    expect(isInContainer(probe(over))).toBe(true);
    expect(needsNoSandbox(probe(over))).toBe(true);
  });

  it('a plain host is not a container', () => {
    expect(isInContainer(probe({ files: { '/proc/1/cgroup': '0::/init.scope\n' } }))).toBe(false);
    // Not Linux: no container check at all.
    expect(isInContainer(probe({ platform: 'darwin', files: { '/.dockerenv': '' } }))).toBe(false);
  });

  it('SWP_NO_SANDBOX=1 is the escape hatch', () => {
    expect(isSandboxDisabledByUser(probe({ env: { SWP_NO_SANDBOX: '1' } }))).toBe(true);
    expect(needsNoSandbox(probe({ env: { SWP_NO_SANDBOX: 'true' } }))).toBe(true);
    expect(isSandboxDisabledByUser(probe({ env: { SWP_NO_SANDBOX: '0' } }))).toBe(false);
  });
});

describe('launchArgs', () => {
  const args = launchArgs({ userDataDir: '/tmp/swp-chromium-abc', noSandbox: false });

  it('always has the offline and quiet flags, the pipe, headless and the fresh profile', () => {
    for (const f of [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--remote-debugging-pipe',
      '--headless=new',
      '--user-data-dir=/tmp/swp-chromium-abc',
    ]) {
      expect(args).toContain(f);
    }
    for (const f of ALWAYS_FLAGS) expect(args).toContain(f);
  });

  it('adds --no-sandbox only when asked', () => {
    expect(args).not.toContain('--no-sandbox');
    expect(launchArgs({ userDataDir: '/tmp/p', noSandbox: true })).toContain('--no-sandbox');
  });

  it('has no duplicate flags, one --disable-features (Chromium keeps only the last), and flags before the URL', () => {
    expect(new Set(args).size).toBe(args.length);
    expect(args.filter((a) => a.startsWith('--disable-features=')).length).toBeLessThanOrEqual(1);
    const firstUrl = args.findIndex((a) => !a.startsWith('-'));
    expect(firstUrl === -1 || args.slice(firstUrl).every((a) => !a.startsWith('-'))).toBe(true);
  });

  it('appends extra flags', () => {
    expect(launchArgs({ userDataDir: '/tmp/p', noSandbox: false, extraArgs: ['--lang=en-GB'] })).toContain('--lang=en-GB');
  });
});
