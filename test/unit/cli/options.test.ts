/** Each command's flags parsed once into a typed run (src/cli/options.ts): values, defaults and usage errors. */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/cli/context.js';
import { assessRun, prioritiesOptions, reportRun } from '../../../src/cli/options.js';
import { ExitCode, SwpError } from '../../../src/model/errors.js';

const ctx = (env: Record<string, string | undefined> = {}, out?: string): CommandContext =>
  ({ global: { workspace: '.', quiet: false, debug: false, color: false, ...(out ? { out } : {}) }, printer: {} as never, io: { env, cwd: '/here' } as never, workspace: '/ws' }) as CommandContext;

/** Commander's values for `swp assess` with no flags given. */
const assessDefaults = { format: 'pdf', stdout: false, publicSummary: false, allAreas: false, jobs: '2', timeout: '60', failOnWarnings: false };

function usage(fn: () => unknown): { keyPath?: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof SwpError && e.code === ExitCode.USAGE) return e.problems[0]!;
    throw e;
  }
  throw new Error('no usage error');
}

describe('flags to a typed run', () => {
  it('assess: formats, date (also fixing the PDF date), timeout in ms, jobs, year, output folder', () => {
    const run = assessRun(ctx(), { ...assessDefaults, format: 'PDF, json', date: '2017-06-30', timeout: '1.5', jobs: '3', year: '2015/16' });
    expect([...run.formats]).toEqual(['pdf', 'json']);
    expect(run.dataAsAt).toBe('2017-06-30');
    expect(run.pdfDate?.toISOString()).toBe('2017-06-30T00:00:00.000Z');
    expect(run.browser).toEqual({ timeoutMs: 1500 });
    expect(run.jobs).toBe(3);
    expect(run.year).toBe(2015);
    expect(run.outDir).toBe('/ws/out');
    expect(run.areas).toBeUndefined();
  });

  it('the date comes from SOURCE_DATE_EPOCH without --date, and then does not fix the PDF date', () => {
    // 1498780800 s = 2017-06-30T00:00:00Z (17347 days × 86400).
    const run = assessRun(ctx({ SOURCE_DATE_EPOCH: '1498780800' }, 'docs'), assessDefaults);
    expect(run.dataAsAt).toBe('2017-06-30');
    expect(run.pdfDate).toBeUndefined();
    expect(run.outDir).toBe('/here/docs');
  });

  it('--areas wins over --all-areas; --all-areas alone is every area', () => {
    expect(assessRun(ctx(), { ...assessDefaults, allAreas: true, areas: ' Essex , E07000070,' }).areas).toEqual(['Essex', 'E07000070']);
    expect(assessRun(ctx(), { ...assessDefaults, allAreas: true }).areas).toBe('all');
  });

  it('each bad value is a usage error naming its flag', () => {
    expect(usage(() => assessRun(ctx(), { ...assessDefaults, format: 'pdf,docx' })).keyPath).toBe('--format');
    expect(usage(() => assessRun(ctx(), { ...assessDefaults, date: '2017-13-01' })).keyPath).toBe('--date');
    expect(usage(() => assessRun(ctx(), { ...assessDefaults, timeout: 'abc' })).keyPath).toBe('--timeout');
    expect(usage(() => assessRun(ctx(), { ...assessDefaults, jobs: '17' })).keyPath).toBe('--jobs');
    expect(usage(() => assessRun(ctx(), { ...assessDefaults, year: '2016/18' })).keyPath).toBe('--year');
    expect(usage(() => assessRun(ctx({ SOURCE_DATE_EPOCH: 'soon' }), assessDefaults)).keyPath).toBe('SOURCE_DATE_EPOCH');
  });

  it('report: --quarter is checked first, then the other flags', () => {
    expect(reportRun(ctx(), { quarter: '2016/17-Q3', format: 'html' }).quarter).toEqual({ startYear: 2016, quarter: 3 });
    expect(reportRun(ctx(), { quarter: 'Latest', format: 'html' }).quarter).toBe('latest');
    expect(usage(() => reportRun(ctx(), { quarter: '2016-Q3', format: 'nope' })).keyPath).toBe('--quarter');
  });

  it('priorities: year and format', () => {
    expect(prioritiesOptions(ctx({ SOURCE_DATE_EPOCH: '0' }), { format: 'csv', year: '2016/17' })).toEqual({ year: 2016, format: 'csv', dataAsAt: '1970-01-01' });
  });
});
