/** The manager's laziness and its wiring to discovery, with the discovery replaced: no browser is started. */
import { describe, expect, it } from 'vitest';
import { ExitCode, SwpError } from '../../../src/model/errors.js';
import { BrowserManager } from '../../../src/pdf/browser-manager.js';
import type { FindBrowserOptions } from '../../../src/pdf/find-browser.js';
import { liveBrowserCount } from '../../../src/pdf/live-browsers.js';
import { rejection } from '../../helpers.js';

const noBrowser = (): never => {
  throw new SwpError(ExitCode.RENDER, { message: 'no Chrome, Chromium or Edge was found to print the PDF with' });
};

describe('BrowserManager without a browser', () => {
  it('does nothing until a page is wanted', async () => {
    let calls = 0;
    const m = new BrowserManager({ find: async () => (calls++, noBrowser()) });
    expect(calls).toBe(0);
    await m.dispose();
    expect(calls).toBe(0);
  });

  it('passes --browser, warnings and the settings environment to discovery', async () => {
    let seen: FindBrowserOptions | undefined;
    const warn = (): void => undefined;
    const m = new BrowserManager({
      browserPath: '/opt/chrome',
      onWarning: warn,
      settingsEnv: { SWP_BROWSER: '/env/chrome' },
      find: async (o) => ((seen = o), noBrowser()),
    });
    const err = await rejection(m.withPage(async () => 1));
    expect(err.code).toBe(ExitCode.RENDER);
    expect(seen?.browserPath).toBe('/opt/chrome');
    expect(seen?.onWarning).toBe(warn);
    expect(seen?.searchEnv?.env).toEqual({ SWP_BROWSER: '/env/chrome' });
    expect(liveBrowserCount()).toBe(0);
    await m.dispose();
  });

  it('a failed launch is remembered: one discovery, the same error each time', async () => {
    let calls = 0;
    const m = new BrowserManager({ find: async () => (calls++, noBrowser()) });
    const a = await rejection(m.browser());
    const b = await rejection(m.browser());
    expect(a).toBe(b);
    expect(calls).toBe(1);
  });

  it('refuses pages after dispose', async () => {
    const m = new BrowserManager({ find: async () => noBrowser() });
    await m.dispose();
    expect(m.isDisposed).toBe(true);
    await expect(m.withPage(async () => 1)).rejects.toThrow(/disposed/);
  });
});
