/**
 * The typed data the readers produce and the analysis consumes. Readers (src/ingest) fill these; nothing here
 * reads files.
 */
/** Why a figure is absent. `suppressed` = withheld for disclosure control; the rest mean unavailable. */
export type Absence = 'suppressed' | 'not-available' | 'not-applicable' | 'rounds-to-zero';

/** Provisional / revised flags ([p], [r]) carried through to every output. */
export type Revision = 'provisional' | 'revised';

/** Where a value came from, for messages and for the data-quality notes of a document. */
export interface SourceRef {
  file: string;
  line: number;
}

/** The 14 police.uk street-level crime categories (data.police.uk "Crime categories"), in police.uk's order. */
export const CRIME_TYPES = [
  'Anti-social behaviour',
  'Bicycle theft',
  'Burglary',
  'Criminal damage and arson',
  'Drugs',
  'Other crime',
  'Other theft',
  'Possession of weapons',
  'Public order',
  'Robbery',
  'Shoplifting',
  'Theft from the person',
  'Vehicle crime',
  'Violence and sexual offences',
] as const;

export type CrimeType = (typeof CRIME_TYPES)[number];

/** Index of anti-social behaviour in CRIME_TYPES: it is not a crime and is excluded from "all crime". */
export const ASB_INDEX = 0;

/** Lower-case, non-alphanumerics to '-': "Criminal damage and arson" → "criminal-damage-and-arson". */
export function slugify(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Indicator id of a police.uk crime type, as in the JSON contract: `recorded-crime.<slug>` or `anti-social-behaviour`. */
export function crimeTypeIndicatorId(type: CrimeType): string {
  return type === 'Anti-social behaviour' ? 'anti-social-behaviour' : `recorded-crime.${slugify(type)}`;
}

/** `YYYY-MM` month key. */
export type MonthKey = string;

/**
 * police.uk street-level records aggregated to what the documents need: partnership × month × crime type, plus
 * LSOA × month × type inside the partnership (for hot-spot tables). Counts per month are arrays indexed like
 * CRIME_TYPES, so the hot loop increments an integer rather than building string keys.
 */
export interface PoliceUkData {
  /** Month → counts per crime type (index as CRIME_TYPES) inside the partnership area. */
  byMonth: Map<MonthKey, Uint32Array>;
  /** The months of every LSOA's `counts`, ascending: the months of `byMonth`. */
  lsoaMonths: MonthKey[];
  /** LSOA code → its name and counts by month and crime type, inside the partnership area (see `lsoaMonthCounts`). */
  byLsoa: Map<string, LsoaCounts>;
  /** Months for which at least one street file was read, per force ("Falls within"/file force). */
  monthsByForce: Map<string, Set<MonthKey>>;
  /** Row tallies for the validation summary and data-quality notes. */
  tally: {
    rows: number;
    inArea: number;
    outOfArea: number;
    noLocation: number;
    duplicates: number;
  };
  files: string[];
}

/** One LSOA's counts inside the partnership area. */
export interface LsoaCounts {
  /** The LSOA name as written in its first counted row, e.g. "Rossdale 001A". */
  name: string;
  /**
   * Counts by month and crime type, month-major: month `lsoaMonths[k]` is `counts[k × 14 … k × 14 + 13]` (types as
   * CRIME_TYPES). One array an LSOA rather than one a month: a national read holds ~34,000 LSOAs × 12 months, and
   * each array object costs more memory than its 14 counts.
   */
  counts: Uint32Array;
}

/** An LSOA's counts for one month (a view, types as CRIME_TYPES), or undefined if the LSOA or month is not there. */
export function lsoaMonthCounts(data: PoliceUkData, code: string, month: MonthKey): Uint32Array | undefined {
  const lsoa = data.byLsoa.get(code);
  const k = data.lsoaMonths.indexOf(month);
  if (!lsoa || k < 0) return undefined;
  return lsoa.counts.subarray(k * CRIME_TYPES.length, (k + 1) * CRIME_TYPES.length);
}

/** One row of the Home Office police recorded crime CSP table. */
export interface HomeOfficeRow {
  /** e.g. "2016/17". */
  financialYear: string;
  /** 1–4, or null when the table is annual. */
  quarter: number | null;
  forceName: string;
  cspName: string;
  offenceDescription: string;
  offenceGroup: string;
  offenceSubgroup: string;
  offenceCode: string;
  count: number | null;
  absence?: Absence;
  source: SourceRef;
}

/** One row of the canonical measures CSV (reoffending, FTE, hidden crime, treatment, national baselines). */
export interface MeasureRow {
  indicator: string;
  areaCode: string;
  areaName: string;
  /** ISO date `YYYY-MM-DD`, inclusive. */
  periodStart: string;
  /** ISO date `YYYY-MM-DD`, inclusive. */
  periodEnd: string;
  numerator: number | null;
  numeratorAbsence?: Absence;
  denominator: number | null;
  denominatorAbsence?: Absence;
  /** Proven reoffending: number of reoffences (optional column). */
  reoffences: number | null;
  revision?: Revision;
  /** A series break declared on this row (e.g. a change in recording practice). */
  seriesBreak?: string;
  /** A revised row: the provisional or unmarked rows for the same key that it replaces (src/ingest/assembly.ts). */
  supersedes?: SourceRef[];
  source: SourceRef;
}

/** One row of the canonical population file (mid-year estimates). */
export interface PopulationRow {
  areaCode: string;
  areaName: string;
  /** Mid-year (30 June) of this calendar year. */
  year: number;
  /** `all`, `10-17`, or another band as published. */
  ageBand: string;
  population: number;
  source: SourceRef;
}

/** Summary of one file read, for `swp validate`. */
export interface FileSummary {
  file: string;
  kind: InputKind;
  rows: number;
  /** First and last period seen (YYYY-MM or ISO dates), if any. */
  firstPeriod?: string;
  lastPeriod?: string;
  areas?: number;
  note?: string;
}

/** Every input format swp recognises by its header. */
export type InputKind =
  | 'police-uk-street'
  | 'police-uk-outcomes'
  | 'police-uk-stop-search'
  | 'home-office-csp'
  | 'measures'
  | 'population'
  | 'plan-review'
  | 'consultation'
  | 'scores';
