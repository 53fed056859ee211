/**
 * Offence-weighted harm index for police.uk crime counts.
 *
 * A strategic assessment shows harm beside counts: 100 burglaries and 100 bicycle thefts are not equal. Each crime
 * category has a weight (days of imprisonment-equivalent); harm = count × weight. This module loads and validates the
 * weights and computes, for counts by crime type, the harm per type, total harm, each type's share of harm against
 * its share of volume, and harm per 1,000 residents.
 *
 * Source of the shipped weights (data/reference/harm-weights.csv; derivation in data/reference/HARM-WEIGHTS.md and
 * derive-harm-weights.mjs): the Cambridge Crime Harm Index, 2026 update (Cambridge Centre for Evidence-Based
 * Policing; method of Sherman, Neyroud & Neyroud 2016, Policing 10(3): 171–183), offence-code scores aggregated to
 * Home Office offence-subgroup medians, then to police.uk categories as the mean weighted by England and Wales police
 * recorded crime volumes for 2024/25.
 *
 * Anti-social behaviour is not a crime and has no weight: it must not appear in a weights file, and its counts are
 * left out of harm and of the volume that volume shares are taken of (reported separately as `asbExcluded`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { CRIME_TYPES, type CrimeType } from '../model/data.js';
import { ExitCode, ProblemCollector, SwpError, showFound } from '../model/errors.js';

/** The shipped weights file. Resolves from both src/analysis/ and dist/analysis/ to the package's data/reference/. */
export const DEFAULT_HARM_WEIGHTS_URL = new URL('../../data/reference/harm-weights.csv', import.meta.url);

/** A police.uk crime category that carries a harm weight: every crime type except anti-social behaviour. */
export type HarmCrimeType = Exclude<CrimeType, 'Anti-social behaviour'>;

/** The 13 crime categories a weights file must list, each once, in police.uk's order. */
export const HARM_CRIME_TYPES: readonly HarmCrimeType[] = CRIME_TYPES.filter(
  (t): t is HarmCrimeType => t !== 'Anti-social behaviour',
);

/** One row of a weights file. */
export interface HarmWeight {
  crimeType: HarmCrimeType;
  /** Harm per offence, ≥ 0 (days of imprisonment-equivalent in the shipped file). */
  weight: number;
  /** `source`, `method`, `notes` columns ('' when the file has no such column). */
  source: string;
  method: string;
  notes: string;
  /** 1-based line of the row in the file. */
  line: number;
}

/** A validated weights file. */
export interface HarmWeights {
  /** Path of the file read, as shown in messages. */
  file: string;
  /** The `unit` column's value (the same on every row), e.g. "days"; undefined when the file has no unit column. */
  unit: string | undefined;
  /** One entry per crime category, in HARM_CRIME_TYPES order. */
  weights: readonly HarmWeight[];
  /** Weight of a category. */
  weightOf(type: HarmCrimeType): number;
}

const REQUIRED_COLUMNS = ['crime_type', 'weight'] as const;
const OPTIONAL_COLUMNS = ['unit', 'source', 'method', 'notes'] as const;
const EXPECTED_TYPES = HARM_CRIME_TYPES.map((t) => `"${t}"`).join(', ');

/**
 * Read and validate a harm weights file: columns `crime_type` and `weight` (plus optional `unit`, `source`,
 * `method`, `notes`), each of the 13 crime categories exactly once, weights finite and ≥ 0, no anti-social
 * behaviour row.
 *
 * @param path the file to read; defaults to the shipped `data/reference/harm-weights.csv`. A workspace may pass its own.
 * @param displayPath how to name the file in messages (defaults to the path).
 * @throws SwpError (ExitCode.INPUT) listing every problem found, each with file and line.
 */
export function loadHarmWeights(path: string | URL = DEFAULT_HARM_WEIGHTS_URL, displayPath?: string): HarmWeights {
  const file = displayPath ?? (path instanceof URL ? fileURLToPath(path) : path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
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
  return parseHarmWeights(text, file);
}

/**
 * Validate the text of a harm weights file (see loadHarmWeights). `file` names it in messages.
 *
 * @throws SwpError (ExitCode.INPUT) listing every problem found.
 */
export function parseHarmWeights(text: string, file: string): HarmWeights {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof parsed;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new SwpError(
      ExitCode.INPUT,
      {
        message: `the harm weights file is not valid CSV: ${(e as Error).message}`,
        file,
        ...(typeof line === 'number' ? { line } : {}),
        hint: 'check for an unbalanced double quote',
      },
      { cause: e },
    );
  }
  // Blank lines are skipped; `info.lines` is the physical line each record ends on (the header is line 1).
  const records = parsed.map((p) => p.record);
  const lineNumbers = parsed.map((p) => p.info.lines);

  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const col: Record<string, number | undefined> = {};
  for (const name of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) {
    const at = header.indexOf(name);
    col[name] = at >= 0 ? at : undefined;
  }
  const missing = REQUIRED_COLUMNS.filter((c) => col[c] === undefined);
  if (missing.length > 0) {
    throw new SwpError(ExitCode.INPUT, {
      message: `the harm weights file has no ${missing.map((c) => `"${c}"`).join(' or ')} column`,
      file,
      line: 1,
      expected: 'a header row with crime_type,weight (and optionally unit,source,method,notes)',
      found: showFound((records[0] ?? []).join(',')),
    });
  }

  const problems = new ProblemCollector();
  const seen = new Map<HarmCrimeType, HarmWeight>();
  const units = new Set<string>();
  const cell = (r: string[], name: string): string => {
    const at = col[name];
    return at === undefined ? '' : (r[at] ?? '').trim();
  };

  for (let i = 1; i < records.length; i++) {
    const r = records[i]!;
    const line = lineNumbers[i] ?? i + 1;
    const typeText = cell(r, 'crime_type');
    const weightText = cell(r, 'weight');
    const typeCol = col.crime_type! + 1;
    const weightCol = col.weight! + 1;

    let type: HarmCrimeType | undefined;
    if (typeText.toLowerCase() === 'anti-social behaviour') {
      problems.add({
        message: 'anti-social behaviour must not have a harm weight: it is not a crime and is left out of the harm index',
        file,
        line,
        column: typeCol,
        columnName: 'crime_type',
        found: showFound(typeText),
        hint: 'remove the row (see data/reference/HARM-WEIGHTS.md)',
      });
    } else {
      type = HARM_CRIME_TYPES.find((t) => t === typeText);
      if (type === undefined) {
        problems.add({
          message: typeText === '' ? 'the crime type is empty' : 'not a police.uk crime category',
          file,
          line,
          column: typeCol,
          columnName: 'crime_type',
          expected: `one of ${EXPECTED_TYPES}`,
          found: showFound(typeText),
          hint: 'spell the category exactly as police.uk does',
        });
      } else if (seen.has(type)) {
        problems.add({
          message: `"${type}" is listed more than once (first on line ${seen.get(type)!.line})`,
          file,
          line,
          column: typeCol,
          columnName: 'crime_type',
          found: showFound(typeText),
          hint: 'keep one row per crime category',
        });
        type = undefined;
      }
    }

    const weight = weightText === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(weightText) ? NaN : Number(weightText);
    const weightOk = Number.isFinite(weight) && weight >= 0;
    if (!weightOk) {
      problems.add({
        message:
          weightText === ''
            ? 'the weight is empty'
            : Number.isFinite(weight)
              ? 'the weight cannot be negative'
              : 'the weight is not a finite number',
        file,
        line,
        column: weightCol,
        columnName: 'weight',
        expected: 'a number 0 or more, e.g. 244.68',
        found: showFound(weightText),
      });
    }

    if (col.unit !== undefined) units.add(cell(r, 'unit'));

    if (type !== undefined) {
      seen.set(type, {
        crimeType: type,
        weight: weightOk ? weight : NaN,
        source: cell(r, 'source'),
        method: cell(r, 'method'),
        notes: cell(r, 'notes'),
        line,
      });
    }
  }

  const absent = HARM_CRIME_TYPES.filter((t) => !seen.has(t));
  if (absent.length > 0) {
    problems.add({
      message: `the harm weights file has no row for ${absent.map((t) => `"${t}"`).join(', ')}`,
      file,
      expected: `one row for each of ${EXPECTED_TYPES}`,
      hint: 'every crime category needs a weight (0 is allowed); anti-social behaviour has none',
    });
  }
  if (units.size > 1) {
    problems.add({
      message: 'the unit column differs between rows: weights in different units cannot be added',
      file,
      columnName: 'unit',
      found: [...units].map((u) => showFound(u)).join(', '),
      hint: 'use one unit (e.g. days) for every row',
    });
  }
  problems.throwIfAny(ExitCode.INPUT);

  const weights = HARM_CRIME_TYPES.map((t) => seen.get(t)!);
  const byType = new Map(weights.map((w) => [w.crimeType, w.weight]));
  return {
    file,
    unit: col.unit === undefined ? undefined : [...units][0],
    weights,
    weightOf: (type) => byType.get(type)!,
  };
}

/**
 * Counts by crime type: an array indexed like CRIME_TYPES (e.g. the Uint32Array of `PoliceUkData.byMonth`), or an
 * object keyed by crime type (absent types count 0). Anti-social behaviour may be present; it is left out of harm.
 */
export type CrimeCounts = ArrayLike<number> | Partial<Record<CrimeType, number>>;

/** Harm for one crime category. */
export interface HarmRow {
  crimeType: HarmCrimeType;
  count: number;
  weight: number;
  /** count × weight. */
  harm: number;
  /** harm / total harm; null when total harm is 0. */
  harmShare: number | null;
  /** count / total count (anti-social behaviour excluded); null when the total count is 0. */
  volumeShare: number | null;
  /** harmShare / volumeShare: above 1 means the category carries more than its share of harm; null if undefined. */
  harmToVolumeRatio: number | null;
}

/** Harm for a set of counts. */
export interface HarmSummary {
  /** One row per crime category, in HARM_CRIME_TYPES order. */
  rows: HarmRow[];
  /** Sum of counts over the 13 crime categories (anti-social behaviour excluded). */
  totalCount: number;
  /** Sum of harm over the 13 crime categories, in the weights' unit. */
  totalHarm: number;
  /** Anti-social behaviour count in the input, left out of harm and volume. */
  asbExcluded: number;
  /** Unit of harm (the weights' unit). */
  unit: string | undefined;
  /** Total harm per 1,000 residents; present when a population was given. */
  harmPer1000?: number;
  population?: number;
}

/** Options of computeHarm. */
export interface HarmOptions {
  /** Resident population of the area, for harm per 1,000 residents. */
  population?: number;
}

/**
 * Harm per crime type, total harm, harm and volume shares, and (given a population) harm per 1,000 residents.
 *
 * @param counts counts by crime type (array indexed like CRIME_TYPES, or an object keyed by crime type).
 * @param weights validated weights (loadHarmWeights).
 * @throws SwpError (ExitCode.INPUT) when a count is negative or not finite, or the population is not positive.
 */
export function computeHarm(counts: CrimeCounts, weights: HarmWeights, options: HarmOptions = {}): HarmSummary {
  const countOf = countReader(counts);
  const asbExcluded = checkCount('Anti-social behaviour', countOf('Anti-social behaviour'));
  const base = HARM_CRIME_TYPES.map((crimeType) => {
    const count = checkCount(crimeType, countOf(crimeType));
    const weight = weights.weightOf(crimeType);
    return { crimeType, count, weight, harm: count * weight };
  });
  const totalCount = base.reduce((a, r) => a + r.count, 0);
  const totalHarm = base.reduce((a, r) => a + r.harm, 0);
  const rows: HarmRow[] = base.map((r) => {
    const harmShare = totalHarm > 0 ? r.harm / totalHarm : null;
    const volumeShare = totalCount > 0 ? r.count / totalCount : null;
    const harmToVolumeRatio = harmShare !== null && volumeShare !== null && volumeShare > 0 ? harmShare / volumeShare : null;
    return { ...r, harmShare, volumeShare, harmToVolumeRatio };
  });
  const summary: HarmSummary = { rows, totalCount, totalHarm, asbExcluded, unit: weights.unit };
  if (options.population !== undefined) {
    summary.population = options.population;
    summary.harmPer1000 = harmRatePer1000(totalHarm, options.population);
  }
  return summary;
}

/**
 * Harm per 1,000 residents: totalHarm / population × 1,000.
 *
 * @throws SwpError (ExitCode.INPUT) when the population is not a positive finite number.
 */
export function harmRatePer1000(totalHarm: number, population: number): number {
  if (!Number.isFinite(population) || population <= 0) {
    throw new SwpError(ExitCode.INPUT, {
      message: 'the population for the harm rate must be a positive number',
      expected: 'residents, e.g. 152000',
      found: showFound(String(population)),
    });
  }
  if (!Number.isFinite(totalHarm) || totalHarm < 0) {
    throw new SwpError(ExitCode.INPUT, {
      message: 'total harm must be a number 0 or more',
      found: showFound(String(totalHarm)),
    });
  }
  return (totalHarm / population) * 1000;
}

function countReader(counts: CrimeCounts): (type: CrimeType) => number {
  if (isArrayLike(counts)) {
    if (counts.length !== CRIME_TYPES.length) {
      throw new SwpError(ExitCode.INPUT, {
        message: `counts by crime type must have ${CRIME_TYPES.length} entries, indexed like CRIME_TYPES`,
        found: `${counts.length} entries`,
      });
    }
    return (type) => counts[CRIME_TYPES.indexOf(type)]!;
  }
  for (const key of Object.keys(counts)) {
    if (!(CRIME_TYPES as readonly string[]).includes(key)) {
      throw new SwpError(ExitCode.INPUT, {
        message: 'counts name a crime type that is not a police.uk category',
        expected: `one of ${CRIME_TYPES.map((t) => `"${t}"`).join(', ')}`,
        found: showFound(key),
      });
    }
  }
  return (type) => counts[type] ?? 0;
}

function isArrayLike(x: CrimeCounts): x is ArrayLike<number> {
  return typeof (x as { length?: unknown }).length === 'number';
}

function checkCount(type: CrimeType, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new SwpError(ExitCode.INPUT, {
      message: `the count for "${type}" must be a number 0 or more`,
      found: showFound(String(value)),
    });
  }
  return value;
}
