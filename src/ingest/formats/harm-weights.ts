/**
 * The harm weights reference table (data/reference/harm-weights.csv): one weight per police.uk crime category, read
 * with the shared table reader so its problems are located like any input's (file, line, column, expected, found).
 *
 * Source of the shipped weights (derivation in data/reference/HARM-WEIGHTS.md and derive-harm-weights.mjs): the
 * Cambridge Crime Harm Index, 2026 update (Cambridge Centre for Evidence-Based Policing; method of Sherman, Neyroud &
 * Neyroud 2016, Policing 10(3): 171–183), offence-code scores aggregated to Home Office offence-subgroup medians,
 * then to police.uk categories as the mean weighted by England and Wales police recorded crime volumes for 2024/25.
 *
 * Anti-social behaviour is not a crime and has no weight: a weights file that lists it is rejected.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ExitCode, SwpError, showFound, type Problem } from '../../model/errors.js';
import { HARM_CRIME_TYPES, type HarmCrimeType, type HarmWeight, type HarmWeights } from '../../model/reference.js';
import type { ColumnSpec } from '../header.js';
import { readTable, type FormatReadOptions, type Layout, type RowContext } from './table-reader.js';

/** The shipped weights file. Resolves from src/ingest/formats/ to the package's data/reference/. */
export const DEFAULT_HARM_WEIGHTS_URL = new URL('../../../data/reference/harm-weights.csv', import.meta.url);

const COLUMNS: ColumnSpec[] = [
  { name: 'crime_type', aliases: ['crime_type'], required: true },
  { name: 'weight', aliases: ['weight'], required: true },
  { name: 'unit', aliases: ['unit'], required: false },
  { name: 'source', aliases: ['source'], required: false },
  { name: 'method', aliases: ['method'], required: false },
  { name: 'notes', aliases: ['notes'], required: false },
];
const LAYOUT: Layout = { id: 'harm-weights', formatName: 'harm weights', columns: COLUMNS };
const EXPECTED_TYPES = HARM_CRIME_TYPES.map((t) => `"${t}"`).join(', ');
/** A plain decimal (exponent allowed): Number() alone would also take "0x10", "Infinity" and "". */
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

let shipped: Promise<HarmWeights> | undefined;

/**
 * The shipped weights, read once per process: a batch of many areas shares one read.
 *
 * @throws SwpError (ExitCode.INPUT) if the shipped file is missing or broken (an installation fault).
 */
export function shippedHarmWeights(): Promise<HarmWeights> {
  if (!shipped) {
    shipped = readHarmWeights();
    // A failed read is not kept: the next caller reads again rather than getting a stale rejected promise.
    shipped.catch(() => (shipped = undefined));
  }
  return shipped;
}

/**
 * Read and validate a harm weights file: columns `crime_type` and `weight` (plus optional `unit`, `source`,
 * `method`, `notes`), each of the 13 crime categories exactly once, weights finite and ≥ 0, no anti-social
 * behaviour row, one unit.
 *
 * @param path the file to read; defaults to the shipped `data/reference/harm-weights.csv`.
 * @throws SwpError (ExitCode.INPUT) listing every problem found, each with file and line.
 */
export async function readHarmWeights(path: string | URL = DEFAULT_HARM_WEIGHTS_URL, options: FormatReadOptions = {}): Promise<HarmWeights> {
  const filePath = path instanceof URL ? fileURLToPath(path) : path;
  const file = options.displayPath ?? filePath;
  await mustExist(filePath, file);
  const seen = new Map<HarmCrimeType, HarmWeight>();
  const units = new Set<string>();
  let hasUnit = false;
  const onRow = (ctx: RowContext): void => {
    const type = crimeTypeOf(ctx, seen);
    const weight = weightOf(ctx);
    hasUnit = ctx.has('unit');
    if (hasUnit) units.add(ctx.raw('unit').trim());
    if (type === undefined) return;
    seen.set(type, { crimeType: type, weight, source: cell(ctx, 'source'), method: cell(ctx, 'method'), notes: cell(ctx, 'notes'), line: ctx.line });
  };
  const onEnd = (add: (p: Problem) => void): void => wholeFileProblems(file, seen, units).forEach(add);
  await readTable(filePath, { ...options, displayPath: file }, [LAYOUT], onRow, onEnd);
  const weights = HARM_CRIME_TYPES.map((t) => seen.get(t)!);
  const byType = new Map(weights.map((w) => [w.crimeType, w.weight]));
  return { file, unit: hasUnit ? [...units][0] : undefined, weights, weightOf: (type) => byType.get(type)! };
}

/** A missing file is named as the harm weights file, with a hint about the shipped one. */
async function mustExist(path: string, file: string): Promise<void> {
  try {
    await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SwpError(
      ExitCode.INPUT,
      {
        message: code === 'ENOENT' ? 'the harm weights file does not exist' : `the harm weights file cannot be read (${code ?? 'error'})`,
        file,
        expected: 'a CSV file with columns crime_type,weight',
        hint: 'check the path given for the harm weights, or omit it to use the shipped weights (data/reference/harm-weights.csv)',
      },
      { cause: e },
    );
  }
}

function cell(ctx: RowContext, col: string): string {
  return ctx.raw(col).trim();
}

/** The row's crime category, or undefined (with a problem recorded) for ASB, an unknown name or a repeat. */
function crimeTypeOf(ctx: RowContext, seen: ReadonlyMap<HarmCrimeType, HarmWeight>): HarmCrimeType | undefined {
  const text = cell(ctx, 'crime_type');
  const found = showFound(text);
  if (text.toLowerCase() === 'anti-social behaviour') {
    ctx.problem('crime_type', {
      message: 'anti-social behaviour must not have a harm weight: it is not a crime and is left out of the harm index',
      found,
      hint: 'remove the row (see data/reference/HARM-WEIGHTS.md)',
    });
    return undefined;
  }
  const type = HARM_CRIME_TYPES.find((t) => t === text);
  if (type === undefined) {
    ctx.problem('crime_type', {
      message: text === '' ? 'the crime type is empty' : 'not a police.uk crime category',
      expected: `one of ${EXPECTED_TYPES}`,
      found,
      hint: 'spell the category exactly as police.uk does',
    });
    return undefined;
  }
  const first = seen.get(type);
  if (first) {
    ctx.problem('crime_type', { message: `"${type}" is listed more than once (first on line ${first.line})`, found, hint: 'keep one row per crime category' });
    return undefined;
  }
  return type;
}

/** The row's weight, or NaN (with a problem recorded) when it is empty, not a finite number, or negative. */
function weightOf(ctx: RowContext): number {
  const text = cell(ctx, 'weight');
  const weight = text === '' || !NUMBER_RE.test(text) ? NaN : Number(text);
  if (Number.isFinite(weight) && weight >= 0) return weight;
  ctx.problem('weight', {
    message: text === '' ? 'the weight is empty' : Number.isFinite(weight) ? 'the weight cannot be negative' : 'the weight is not a finite number',
    expected: 'a number 0 or more, e.g. 244.68',
    found: showFound(text),
  });
  return NaN;
}

/** Problems of the file as a whole: a category with no row, or units that differ between rows. */
function wholeFileProblems(file: string, seen: ReadonlyMap<HarmCrimeType, HarmWeight>, units: ReadonlySet<string>): Problem[] {
  const out: Problem[] = [];
  const absent = HARM_CRIME_TYPES.filter((t) => !seen.has(t));
  if (absent.length > 0) {
    out.push({
      message: `the harm weights file has no row for ${absent.map((t) => `"${t}"`).join(', ')}`,
      file,
      expected: `one row for each of ${EXPECTED_TYPES}`,
      hint: 'every crime category needs a weight (0 is allowed); anti-social behaviour has none',
    });
  }
  if (units.size > 1) {
    out.push({
      message: 'the unit column differs between rows: weights in different units cannot be added',
      file,
      columnName: 'unit',
      found: [...units].map((u) => showFound(u)).join(', '),
      hint: 'use one unit (e.g. days) for every row',
    });
  }
  return out;
}
