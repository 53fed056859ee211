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
  /**
   * Rows in the area's LSOAs by force ("Falls within", else the file name's force), before de-duplication: which
   * forces supply the area's rows, and so whose street files a month needs (see `coverage`).
   */
  rowsByForce: Map<string, number>;
  /** Which months count for the area: those for which every covering force has a street file (src/ingest/coverage.ts). */
  coverage: PoliceCoverage;
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

/**
 * The police.uk coverage of an area: a month counts only when every force covering the area's LSOAs has a street
 * file for it. Rows of other forces (British Transport Police, a neighbour's few border rows) are counted in the
 * totals but never make a month complete (issue 11: a month present only through such rows made a year look whole).
 */
export interface PoliceCoverage {
  /** The covering forces ("Falls within" names), sorted. */
  forces: string[];
  /** `config`: area.forces; `data`: the share rule of src/ingest/coverage.ts; `none`: no force qualifies, presence is used. */
  forcesFrom: 'config' | 'data' | 'none';
  /** First and last month of any street file read (of any force), or undefined without data. */
  span: { start: MonthKey; end: MonthKey } | undefined;
  /** Months of the span for which every covering force has a street file, ascending. */
  complete: MonthKey[];
  /** Months of the span that are not complete, ascending, each with the covering forces that have no file for it. */
  missing: Array<{ month: MonthKey; forces: string[] }>;
}

/** Is a month complete for the area (every covering force has a street file for it)? */
export function monthComplete(data: PoliceUkData, month: MonthKey): boolean {
  return completeSet(data).has(month);
}

const completeSets = new WeakMap<PoliceCoverage, Set<MonthKey>>();

/** The complete months as a set (cached per coverage object). */
function completeSet(data: PoliceUkData): ReadonlySet<MonthKey> {
  let s = completeSets.get(data.coverage);
  if (!s) completeSets.set(data.coverage, (s = new Set(data.coverage.complete)));
  return s;
}

/**
 * The area's counts for a month (types as CRIME_TYPES) if the month is complete, else undefined. A complete month
 * with no row in the area is a true zero (every covering force published and none of its rows fell here).
 */
export function completeMonthCounts(data: PoliceUkData, month: MonthKey): Uint32Array | undefined {
  if (!monthComplete(data, month)) return undefined;
  return data.byMonth.get(month) ?? new Uint32Array(CRIME_TYPES.length);
}

/** Which covering forces have no street file for each of `months` (only months that are not complete). */
function missingForces(data: PoliceUkData, months: readonly MonthKey[]): Array<{ month: MonthKey; forces: string[] }> {
  const { coverage } = data;
  const out: Array<{ month: MonthKey; forces: string[] }> = [];
  for (const month of months) {
    if (monthComplete(data, month)) continue;
    const forces = coverage.forces.filter((f) => !data.monthsByForce.get(f)?.has(month));
    out.push({ month, forces });
  }
  return out;
}

/**
 * A short note naming the months of `months` that are not complete and the forces missing, e.g. "no police.uk data
 * for Essex Police for 2022-11"; runs of months are written "2022-11 to 2023-01". Undefined when all are complete.
 */
export function missingMonthsNote(data: PoliceUkData, months: readonly MonthKey[]): string | undefined {
  const gaps = missingForces(data, months);
  if (gaps.length === 0) return undefined;
  // Group the months by the forces missing, keeping first-seen order.
  const groups = new Map<string, MonthKey[]>();
  for (const g of gaps) {
    const key = g.forces.join(', ');
    groups.set(key, [...(groups.get(key) ?? []), g.month]);
  }
  const parts = [...groups].map(([forces, ms]) => `${forces ? `for ${forces} ` : ''}for ${monthRuns(ms)}`);
  return `no police.uk data ${parts.join('; ')}`;
}

/** Months as runs: ["2022-11", "2022-12", "2023-02"] → "2022-11 to 2022-12, 2023-02". */
export function monthRuns(months: readonly MonthKey[]): string {
  const sorted = [...months].sort();
  const next = (m: MonthKey) => {
    const [y, mm] = m.split('-').map(Number) as [number, number];
    return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  };
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === next(sorted[j]!)) j++;
    runs.push(j === i ? sorted[i]! : `${sorted[i]} to ${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
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
  /**
   * The figure as its publisher gives it, where the source publishes one (OHID Fingertips: `Value` and the 95%
   * limits), e.g. a directly age-standardised rate that cannot be recomputed from the count and denominator.
   */
  published?: { value: number; lower: number | null; upper: number | null };
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
  | 'census-ethnicity'
  | 'home-office-csp'
  | 'measures'
  | 'population'
  | 'plan-review'
  | 'consultation'
  | 'scores'
  | 'action-plan'
  | 'exceptions'
  | 'places';
