/** Shared output handling for documents: --format, --out, --date / SOURCE_DATE_EPOCH, --stdout. */
import { join, relative, resolve } from 'node:path';
import { checkOutputFolder } from '../../files/atomic.js';
import { ExitCode, SwpError } from '../../model/errors.js';
import type { CommandContext } from '../context.js';
import { usageError } from '../context.js';

export type OutputFormat = 'pdf' | 'html' | 'json' | 'csv' | 'xlsx';
const FORMATS: OutputFormat[] = ['pdf', 'html', 'json', 'csv', 'xlsx'];

/** Parse `--format pdf,html,json`. */
export function parseFormats(text: unknown): Set<OutputFormat> {
  const list = String(text ?? 'pdf').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((f) => !FORMATS.includes(f as OutputFormat));
  if (bad.length > 0 || list.length === 0) {
    throw usageError('invalid --format', '--format', `a comma-separated list of ${FORMATS.join(', ')}`, JSON.stringify(String(text)), 'e.g. --format pdf,html,json,csv,xlsx');
  }
  return new Set(list as OutputFormat[]);
}

/**
 * The "data as at" date: --date, else SOURCE_DATE_EPOCH (reproducible builds convention), else today (UTC, so the
 * machine's time zone never changes the output).
 */
export function dataAsAt(ctx: CommandContext, date: unknown): string {
  if (typeof date === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw usageError('invalid --date', '--date', 'a date as YYYY-MM-DD', JSON.stringify(date), 'e.g. --date 2017-06-30');
    }
    return date;
  }
  const epoch = ctx.io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    const seconds = Number(epoch);
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw new SwpError(ExitCode.USAGE, { message: 'SOURCE_DATE_EPOCH is not a whole number of seconds', keyPath: 'SOURCE_DATE_EPOCH', found: JSON.stringify(epoch), hint: 'e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)' });
    }
    return new Date(seconds * 1000).toISOString().slice(0, 10);
  }
  return new Date().toISOString().slice(0, 10);
}

/** Check `--timeout` (seconds, 0 = none): "abc" must not quietly mean "no timeout". */
export function parseTimeout(value: unknown): number {
  const n = Number(value ?? 60);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(n) && n >= 0) return n;
  if (value === undefined) return 60;
  throw usageError('invalid --timeout', '--timeout', 'a number of seconds, 0 or more (0 = no timeout)', JSON.stringify(String(value)), 'e.g. --timeout 120 for a large document on a slow machine');
}

/** The output folder: --out, else <workspace>/out. */
export function outDir(ctx: CommandContext): string {
  return ctx.global.out ? resolve(ctx.io.cwd, ctx.global.out) : join(ctx.workspace, 'out');
}

/** Fail early, before any data are read, when the output folder cannot be written (exit code OUTPUT). */
export async function checkOutDir(ctx: CommandContext): Promise<string> {
  const dir = outDir(ctx);
  await checkOutputFolder(dir, ctx.io.cwd);
  return dir;
}

/** JSON as written: stable key order as built, 2-space indent, final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The data tables behind a document, as CSV files in `<out>/<name>-data/` (with a README of the symbols) and as one
 * accessible workbook `<out>/<name>.xlsx`, produced in memory for commitFiles; `folders` are the CSV folders, which
 * the run owns whole (files an earlier run left there are removed when this run's are written).
 */
export async function dataTableFiles(
  dir: string,
  name: string,
  formats: Set<OutputFormat>,
  tables: import('../../render/export/index.js').DataTable[],
  meta: import('../../render/export/index.js').XlsxMeta,
): Promise<{ files: { path: string; data: string | Uint8Array }[]; folders: string[] }> {
  if (!formats.has('csv') && !formats.has('xlsx')) return { files: [], folders: [] };
  const exp = await import('../../render/export/index.js');
  const files: { path: string; data: string | Uint8Array }[] = [];
  const folders: string[] = [];
  if (formats.has('csv')) {
    const folder = exp.csvFolder(dir, name);
    folders.push(folder);
    for (const t of tables) files.push({ path: join(folder, `${t.id}.csv`), data: exp.tableToCsv(t) });
    files.push({
      path: join(folder, 'README.txt'),
      data: `${meta.title}\r\n\r\nOne CSV file per table (UTF-8, comma-separated). Symbols in place of numbers:\r\n[c] not shown to protect confidentiality (small numbers)\r\n[x] not available\r\n[z] not applicable\r\n\r\nThe same tables, with notes, are in ${name}.xlsx when it was written.\r\n`,
    });
  }
  if (formats.has('xlsx')) files.push({ path: join(dir, `${name}.xlsx`), data: await exp.xlsxBytes(meta, tables) });
  return { files, folders };
}
