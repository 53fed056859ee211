/**
 * Each command's flags, parsed once into a typed, checked options object (zod, as the config is: src/model/config.ts).
 * A bad value is a usage error (exit 2) naming the flag, what was expected and what was found; after this module
 * no code reads a raw flag.
 */
import { resolve, join } from 'node:path';
import { z } from 'zod';
import { parseFinancialYear, parseQuarter, type Quarter } from '../analysis/periods.js';
import { ExitCode, SwpError, type Problem } from '../model/errors.js';
import { OUTPUT_FORMATS, type AssessmentRun, type DocumentRun, type NeedsAssessmentRun, type OutputFormat, type ReportRun } from '../pipeline/run.js';
import { usageError, type CommandContext } from './context.js';

type Env = Record<string, string | undefined>;

/** Stop the parse with `problem` (thrown as a usage error by parseFlags). */
function refuse(ctx: z.RefinementCtx, problem: Problem): never {
  ctx.addIssue({ code: 'custom', message: problem.message, params: { problem } });
  return z.NEVER as never;
}

/** Parse `raw` (commander's options) with `schema`; the first bad flag, in the schema's order, is the error. */
function parseFlags<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const problem = (issue as { params?: { problem?: Problem } }).params?.problem;
  throw new SwpError(ExitCode.USAGE, problem ?? { message: `invalid ${issue.path.map(String).join('.')}`, found: issue.message });
}

/** Problem of a bad flag value, in the shape of every usage error. */
const bad = (message: string, flag: string, expected: string, found: string, hint: string): Problem => usageError(message, flag, expected, found, hint).problems[0]!;

/** `--format pdf,html,json`. */
const formatFlag = z.unknown().optional().transform((text, ctx): Set<OutputFormat> => {
  const list = String(text ?? 'pdf').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const wrong = list.filter((f) => !OUTPUT_FORMATS.includes(f as OutputFormat));
  if (wrong.length > 0 || list.length === 0) {
    return refuse(ctx, bad('invalid --format', '--format', `a comma-separated list of ${OUTPUT_FORMATS.join(', ')}`, JSON.stringify(String(text)), 'e.g. --format pdf,html,json,csv,xlsx'));
  }
  return new Set(list as OutputFormat[]);
});

/**
 * `--date`: the "data as at" date; else SOURCE_DATE_EPOCH (reproducible builds convention), else today (UTC, so the
 * machine's time zone never changes the output). Only --date fixes the PDFs' own dates (`pdfDate`): without it the
 * printer reads SOURCE_DATE_EPOCH itself.
 */
const dateFlag = (env: Env) =>
  z.unknown().optional().transform((date, ctx): { dataAsAt: string; pdfDate?: Date } => {
    if (typeof date === 'string') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
        return refuse(ctx, bad('invalid --date', '--date', 'a date as YYYY-MM-DD', JSON.stringify(date), 'e.g. --date 2017-06-30'));
      }
      return { dataAsAt: date, pdfDate: new Date(`${date}T00:00:00Z`) };
    }
    const epoch = env.SOURCE_DATE_EPOCH;
    if (epoch !== undefined && epoch !== '') {
      const seconds = Number(epoch);
      if (!Number.isInteger(seconds) || seconds < 0) {
        return refuse(ctx, { message: 'SOURCE_DATE_EPOCH is not a whole number of seconds', keyPath: 'SOURCE_DATE_EPOCH', found: JSON.stringify(epoch), hint: 'e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)' });
      }
      return { dataAsAt: new Date(seconds * 1000).toISOString().slice(0, 10) };
    }
    return { dataAsAt: new Date().toISOString().slice(0, 10) };
  });

/** `--timeout` in seconds (0 = none), as milliseconds: "abc" must not quietly mean "no timeout". */
const timeoutFlag = z.unknown().optional().transform((value, ctx): number => {
  if (value === undefined) return 60_000;
  const n = Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(n) && n >= 0) return n * 1000;
  return refuse(ctx, bad('invalid --timeout', '--timeout', 'a number of seconds, 0 or more (0 = no timeout)', JSON.stringify(String(value)), 'e.g. --timeout 120 for a large document on a slow machine'));
});

/** `--jobs`: documents printed at the same time in a batch. */
const jobsFlag = z.unknown().optional().transform((value, ctx): number => {
  const n = Number(value ?? 2);
  if (Number.isInteger(n) && n >= 1 && n <= 16) return n;
  return refuse(ctx, bad('invalid --jobs', '--jobs', 'a whole number from 1 to 16', JSON.stringify(value), 'e.g. --jobs 2 (documents printed at the same time)'));
});

/** `--year 2016/17`: the start year of the financial year; undefined for the latest complete one in the data. */
const yearFlag = z.string().optional().transform((year, ctx): number | undefined => {
  if (year === undefined) return undefined;
  const y = parseFinancialYear(year);
  if (y !== undefined) return y;
  return refuse(ctx, bad('invalid --year', '--year', 'a financial year as YYYY/YY, e.g. 2016/17', JSON.stringify(year), 'the second part is the year after the first: 2016/17, not 2016/18'));
});

/** `--quarter 2016/17-Q3` or `latest` (resolved once the data are read). */
const quarterFlag = z.unknown().optional().transform((value, ctx): Quarter | 'latest' => {
  const text = String(value ?? 'latest');
  if (text.trim().toLowerCase() === 'latest') return 'latest';
  const q = parseQuarter(text);
  if (q) return q;
  return refuse(ctx, bad('invalid --quarter', '--quarter', 'a financial quarter as YYYY/YY-Qn, e.g. 2016/17-Q3 (October to December 2016), or latest', JSON.stringify(text), 'quarters run April–June (Q1), July–September (Q2), October–December (Q3), January–March (Q4)'));
});

const flag = z.boolean().default(false);

/** The flags `assess` and `report` share, in the order they are checked. */
const documentFlags = (env: Env) => ({
  format: formatFlag,
  date: dateFlag(env),
  timeout: timeoutFlag,
  stdout: flag,
  browser: z.string().optional(),
  failOnWarnings: flag,
  csvBlanks: flag,
});

/** The run every document command starts from: its checked flags and the command's context. */
function documentRun(ctx: CommandContext, o: z.output<z.ZodObject<ReturnType<typeof documentFlags>>>): DocumentRun {
  return {
    workspace: ctx.workspace,
    displayBase: ctx.io.cwd,
    env: ctx.io.env,
    formats: o.format,
    dataAsAt: o.date.dataAsAt,
    ...(o.date.pdfDate ? { pdfDate: o.date.pdfDate } : {}),
    // --out, else <workspace>/out.
    outDir: ctx.global.out ? resolve(ctx.io.cwd, ctx.global.out) : join(ctx.workspace, 'out'),
    browser: { ...(o.browser !== undefined ? { path: o.browser } : {}), timeoutMs: o.timeout },
    stdout: o.stdout,
    failOnWarnings: o.failOnWarnings,
    csvSymbols: o.csvBlanks ? 'column' : 'inline',
  };
}

/** `swp assess`'s flags as the run of the pipeline. */
export function assessRun(ctx: CommandContext, raw: unknown): AssessmentRun {
  const schema = z.object({
    ...documentFlags(ctx.io.env),
    jobs: jobsFlag,
    year: yearFlag,
    publicSummary: flag,
    allAreas: flag,
    areas: z.string().optional(),
  });
  const o = parseFlags(schema, raw);
  const areas = o.areas !== undefined ? o.areas.split(',').map((x) => x.trim()).filter(Boolean) : o.allAreas ? ('all' as const) : undefined;
  return { ...documentRun(ctx, o), year: o.year, publicSummary: o.publicSummary, areas, jobs: o.jobs };
}

/** `swp report`'s flags as the run of the pipeline; --quarter is checked first, before any other flag. */
export function reportRun(ctx: CommandContext, raw: unknown): ReportRun {
  const o = parseFlags(z.object({ quarter: quarterFlag, ...documentFlags(ctx.io.env) }), raw);
  return { ...documentRun(ctx, o), quarter: o.quarter };
}

/** `swp needs-assessment`'s flags as the run of the pipeline: the assessment's, without the batch and the public summary. */
export function needsAssessmentRun(ctx: CommandContext, raw: unknown): NeedsAssessmentRun {
  const o = parseFlags(z.object({ ...documentFlags(ctx.io.env), year: yearFlag }), raw);
  return { ...documentRun(ctx, o), year: o.year };
}

export interface PrioritiesOptions {
  year: number | undefined;
  format: 'table' | 'json' | 'csv';
  /** SOURCE_DATE_EPOCH, else today. */
  dataAsAt: string;
}

/** `swp priorities`'s flags. */
export function prioritiesOptions(ctx: CommandContext, raw: unknown): PrioritiesOptions {
  const schema = z.object({ year: yearFlag, format: z.enum(['table', 'json', 'csv']).default('table'), date: dateFlag(ctx.io.env) });
  const o = parseFlags(schema, { ...(raw as object), date: undefined });
  return { year: o.year, format: o.format, dataAsAt: o.date.dataAsAt };
}

export interface ValidateOptions {
  failOnWarnings: boolean;
}

/** `swp validate`'s flags. */
export function validateOptions(raw: unknown): ValidateOptions {
  return parseFlags(z.object({ failOnWarnings: flag }), raw);
}

export interface InitOptions {
  force: boolean;
  /** Copy the default document templates into <dir>/templates for editing. */
  templates: boolean;
  partnership?: string;
  area?: string;
  /** Checked by the command, after it has looked at the folder (an existing workspace is the first thing to say). */
  code?: string;
}

/** `swp init`'s flags. */
export function initOptions(raw: unknown): InitOptions {
  const schema = z.object({ force: flag, templates: flag, partnership: z.string().optional(), area: z.string().optional(), code: z.string().optional() });
  const o = parseFlags(schema, raw);
  return {
    force: o.force,
    templates: o.templates,
    ...(o.partnership !== undefined ? { partnership: o.partnership } : {}),
    ...(o.area !== undefined ? { area: o.area } : {}),
    ...(o.code !== undefined ? { code: o.code } : {}),
  };
}
