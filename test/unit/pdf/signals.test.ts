/** The SIGINT/SIGTERM handler, on an injected event target: nothing is really signalled or exited. */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/model/errors.js';
import { installSignalHandlers } from '../../../src/pdf/signals.js';

function harness() {
  const target = new EventEmitter();
  const calls: string[] = [];
  const exits: number[] = [];
  const uninstall = installSignalHandlers({
    target: target as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
    disposeBrowsers: () => calls.push('browsers'),
    removeTemporaries: () => calls.push('temporaries'),
    onSignal: (s) => calls.push(`signal ${s}`),
    exit: (code) => exits.push(code),
  });
  return { target, calls, exits, uninstall };
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('installSignalHandlers', () => {
  it.each(['SIGINT', 'SIGTERM'])('on %s: kills browsers, removes temporaries, exits 130', (signal) => {
    const h = harness();
    cleanup = h.uninstall;
    h.target.emit(signal, signal);
    expect(h.calls).toEqual(['browsers', 'temporaries', `signal ${signal}`]);
    expect(h.exits).toEqual([ExitCode.INTERRUPTED]);
    expect(ExitCode.INTERRUPTED).toBe(130);
  });

  it('a second signal during the clean-up does nothing more', () => {
    const h = harness();
    cleanup = h.uninstall;
    h.target.emit('SIGINT', 'SIGINT');
    h.target.emit('SIGINT', 'SIGINT');
    h.target.emit('SIGTERM', 'SIGTERM');
    expect(h.exits).toEqual([130]);
    expect(h.calls.filter((c) => c === 'browsers')).toHaveLength(1);
  });

  it('installing twice returns the same uninstall and adds no second listener', () => {
    const h = harness();
    cleanup = h.uninstall;
    const again = installSignalHandlers({ target: h.target as unknown as Pick<NodeJS.Process, 'on' | 'off'> });
    expect(again).toBe(h.uninstall);
    expect(h.target.listenerCount('SIGINT')).toBe(1);
  });

  it('uninstall removes the listeners, and a later install works afresh', () => {
    const h = harness();
    h.uninstall();
    expect(h.target.listenerCount('SIGINT')).toBe(0);
    expect(h.target.listenerCount('SIGTERM')).toBe(0);
    const h2 = harness();
    cleanup = h2.uninstall;
    expect(h2.uninstall).not.toBe(h.uninstall);
    expect(h2.target.listenerCount('SIGINT')).toBe(1);
  });

  it('a failing clean-up step still lets the others run and the process exit', () => {
    const target = new EventEmitter();
    const exits: number[] = [];
    let removed = false;
    cleanup = installSignalHandlers({
      target: target as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
      disposeBrowsers: () => {
        throw new Error('boom');
      },
      removeTemporaries: () => {
        removed = true;
      },
      exit: (code) => exits.push(code),
    });
    target.emit('SIGTERM', 'SIGTERM');
    expect(removed).toBe(true);
    expect(exits).toEqual([130]);
  });
});

describe('loading cost', () => {
  it('the signal handler does not load puppeteer (the CLI installs it for every command that writes)', async () => {
    const { readFileSync } = await import('node:fs');
    const { dirname, join, resolve } = await import('node:path');
    const { ROOT } = await import('../../helpers.js');
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^import\s+(?!type\b)[^'"]*['"]([^'"]+)['"]/gm)) {
        const spec = m[1]!;
        expect(spec, `${file} imports ${spec}`).not.toMatch(/puppeteer/);
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(ROOT, 'src/pdf/signals.ts'));
    expect([...seen].some((f) => f.endsWith('live-browsers.ts'))).toBe(true);
  });
});
