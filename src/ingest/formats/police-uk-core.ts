/**
 * What both police.uk street-level readers share: the column specs, the per-row checks and their messages, the state
 * a read builds up across files, and the csv-parse reader of one file.
 *
 * There are two readers (see ./police-uk.ts): the reference reader, which streams every file through `readCsvRows`
 * (csv-parse) and applies the rules below row by row, and the fast reader (../fast/), a byte scanner for the fixed
 * police.uk layout running in worker threads. The fast reader hands any file, or any part of a file, it does not
 * fully understand to `readStreetFileCsvParse` here, working on the same `IngestState`, so the two agree by
 * construction on everything odd and are differentially tested on everything else.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ExitCode, ProblemCollector, SwpError, showFound, type Problem, type Warning } from '../../model/errors.js';
import { ASB_INDEX, CRIME_TYPES, type FileSummary, type PoliceUkData } from '../../model/data.js';
import { AreaCounts, CountsPool, MonthSlots } from './area-counts.js';
import { readCsvRows, type CsvRow, type Encoding } from '../csv.js';
import { matchHeader, wrongHeaderError, type ColumnSpec } from '../header.js';
import { shownPath } from '../../files/paths.js';

export const FORMAT_NAME = 'police.uk street-level crime';

/** The street-level header, in police.uk's order. */
export const COLUMNS: readonly ColumnSpec[] = [
  { name: 'Crime ID', aliases: [], required: true },
  { name: 'Month', aliases: [], required: true },
  { name: 'Reported by', aliases: [], required: true },
  { name: 'Falls within', aliases: [], required: true },
  { name: 'Longitude', aliases: [], required: false },
  { name: 'Latitude', aliases: [], required: false },
  { name: 'Location', aliases: [], required: false },
  { name: 'LSOA code', aliases: [], required: true },
  { name: 'LSOA name', aliases: [], required: true },
  { name: 'Crime type', aliases: [], required: true },
  { name: 'Last outcome category', aliases: [], required: false },
  { name: 'Context', aliases: [], required: false },
];

/** Headers of the two other police.uk files that sit in the same bulk tree. */
const OUTCOMES_COLUMNS: readonly ColumnSpec[] = [
  { name: 'Crime ID', aliases: [], required: true },
  { name: 'Outcome type', aliases: [], required: true },
];
const STOP_SEARCH_COLUMNS: readonly ColumnSpec[] = [
  { name: 'Type', aliases: [], required: true },
  { name: 'Object of search', aliases: [], required: true },
  { name: 'Legislation', aliases: [], required: true },
];

/** Which rows belong to the partnership. */
export interface AreaFilter {
  /** Exact LSOA codes (wins over the name prefix when given). */
  lsoaCodes?: ReadonlySet<string>;
  /**
   * Local-authority name: rows whose LSOA name is "<prefix> 123A". Several names for an area whose authorities
   * merged: police.uk names LSOAs after the authority of the month (e.g. "Taunton Deane 001A" until March 2019,
   * "Somerset West and Taunton 001A" after), so each name matches the months it was used in.
   */
  lsoaNamePrefix?: string | readonly string[];
}

export interface PoliceUkOptions {
  area: AreaFilter;
  /**
   * Several areas read in one pass (a batch of partnerships): each gets the result a read with that area alone
   * would give. When given, `area` is not used.
   */
  areas?: readonly AreaFilter[];
  encoding?: Encoding;
  columns?: Record<string, string>;
  /** Base folder for the paths shown in messages (default: cwd). */
  displayBase?: string;
  onWarning?: (w: Warning) => void;
  maxProblems?: number;
  /** The latest month that may appear (default: the current month); later months are errors. */
  latestMonth?: string;
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;
export const LSOA_NAME_RE = /^(.*) \d{3}[A-Z]$/;
/** Bulk-archive file names: 2016-04-west-midlands-street.csv and its -outcomes / -stop-and-search siblings. */
const FILE_NAME_RE = /^(\d{4}-\d{2})-(.+)-(street|outcomes|stop-and-search)\.csv$/i;

export const TYPE_INDEX = new Map<string, number>(CRIME_TYPES.map((t, i) => [t.toLowerCase(), i]));

/** The month the user's clock is in, `YYYY-MM`, from UTC so that time zone does not change results. */
function currentMonth(): string {
  const d = new Date();
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Every .csv under a folder, sorted so that reads (and so messages and tallies) are deterministic. */
async function listCsv(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listCsv(p)));
    else if (e.isFile() && e.name.toLowerCase().endsWith('.csv')) out.push(p);
  }
  return out;
}

/** Expand configured paths (files or folders) to files, dropping the same file reached twice by overlapping paths. */
export async function expandPaths(paths: readonly string[], displayBase: string): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new SwpError(ExitCode.INPUT, {
        message: 'the police.uk input does not exist',
        file: shownPath(displayBase, p),
        hint: 'check inputs.policeUk in swp.config.yaml; paths are relative to the config file',
      });
    }
    const list = st.isDirectory() ? await listCsv(p) : [p];
    for (const f of list) {
      const real = await realpath(f);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(f);
    }
  }
  return files;
}

/** The areas of a read: `options.areas`, else the one `options.area`. */
export function areaFilters(options: PoliceUkOptions): readonly AreaFilter[] {
  return options.areas ?? [options.area];
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * Which areas of a read an LSOA belongs to, by index. Areas may overlap (a row then counts in each); a batch of
 * local authorities by name does not. Lookups are by code and by the name's local-authority part, not by trying
 * every area, so a read of 300 partnerships costs what a read of one does.
 */
export class AreaClassifier {
  private readonly byCode = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  private readonly everywhere: number[] = [];
  readonly count: number;

  constructor(filters: readonly AreaFilter[]) {
    this.count = filters.length;
    filters.forEach((f, i) => {
      // A code list wins over the name (see AreaFilter); no filter at all is everywhere.
      if (f.lsoaCodes) for (const c of f.lsoaCodes) push(this.byCode, c, i);
      else if (typeof f.lsoaNamePrefix === 'string') push(this.byPrefix, f.lsoaNamePrefix, i);
      else if (f.lsoaNamePrefix !== undefined) for (const p of new Set(f.lsoaNamePrefix)) push(this.byPrefix, p, i);
      else this.everywhere.push(i);
    });
  }

  /** The areas (ascending indexes) this LSOA is in; an empty array for none. */
  areasOf(code: string, name: string): readonly number[] {
    const a = this.byCode.get(code);
    let b: number[] | undefined;
    if (this.byPrefix.size > 0) {
      const m = LSOA_NAME_RE.exec(name);
      if (m) b = this.byPrefix.get(m[1]!);
    }
    const e = this.everywhere;
    const parts = (a ? 1 : 0) + (b ? 1 : 0) + (e.length > 0 ? 1 : 0);
    if (parts === 0) return NONE;
    if (parts === 1) return a ?? b ?? e;
    return [...new Set([...(a ?? []), ...(b ?? []), ...e])].sort((x, y) => x - y);
  }
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** What the file name says: the force slug and the kind of file (street, outcomes, stop-and-search), if it is a bulk-archive name. */
export function fileNameInfo(file: string): { force: string | undefined; kind: string | undefined } {
  const m = FILE_NAME_RE.exec(basename(file));
  return { force: m?.[2], kind: m?.[3]?.toLowerCase() };
}

/** Positions of the columns the reader uses, from the header. */
export interface StreetColumns {
  iId: number;
  iMonth: number;
  iFalls: number;
  iCode: number;
  iName: number;
  iType: number;
  /** Number of fields in the header: every row must have as many. */
  width: number;
}

/** How a header was recognised: a street-level file (with its columns), a file to skip, or not police.uk at all. */
export type HeaderVerdict =
  | { kind: 'street'; columns: StreetColumns }
  | { kind: 'skip'; what: 'outcomes' | 'stop and search' }
  | { kind: 'wrong'; missing: string[] };

/** Recognise a header row: street-level, outcomes / stop and search (skipped), or wrong. */
export function classifyHeader(fields: string[], kindFromName: string | undefined, columns?: Record<string, string>): HeaderVerdict {
  const { index, missing } = matchHeader(fields, COLUMNS, columns);
  if (missing.length > 0) {
    // The bulk tree also holds outcomes and stop-and-search files: recognise and skip them.
    const isOutcomes = matchHeader(fields, OUTCOMES_COLUMNS).missing.length === 0;
    const isStopSearch = matchHeader(fields, STOP_SEARCH_COLUMNS).missing.length === 0;
    if (isOutcomes || isStopSearch || kindFromName === 'outcomes' || kindFromName === 'stop-and-search') {
      return { kind: 'skip', what: isStopSearch || kindFromName === 'stop-and-search' ? 'stop and search' : 'outcomes' };
    }
    return { kind: 'wrong', missing };
  }
  const col = (name: string) => index[name]!;
  return {
    kind: 'street',
    columns: { iId: col('Crime ID'), iMonth: col('Month'), iFalls: col('Falls within'), iCode: col('LSOA code'), iName: col('LSOA name'), iType: col('Crime type'), width: fields.length },
  };
}

/**
 * The summary of an outcomes or stop-and-search file, which the street-level readers pass over. Both are read apart,
 * when a document is made (src/ingest/stop-search.ts, src/ingest/outcomes.ts): no warning for them.
 */
export function skippedFile(display: string, what: 'outcomes' | 'stop and search'): { warning?: Warning; summary: FileSummary } {
  if (what === 'stop and search') return { summary: { file: display, kind: 'police-uk-stop-search', rows: 0, note: 'read for the stop and search section' } };
  // Outcomes files are joined with the street files when a document is made (src/ingest/outcomes.ts).
  return { summary: { file: display, kind: 'police-uk-outcomes', rows: 0, note: 'read for the outcomes section' } };
}

/** A row that passed the checks: its trimmed values. */
export interface ValidRow {
  month: string;
  /** Index in CRIME_TYPES. */
  type: number;
  id: string;
  /** "Falls within", else the force of the file name, else "unknown force". */
  force: string;
  code: string;
  name: string;
}

/**
 * The checks every data row goes through, in order: field count, month, month not in the future, crime type, a Crime
 * ID unless anti-social behaviour. Returns the first problem, or the row's trimmed values.
 */
export function checkRow(f: string[], line: number, c: StreetColumns, display: string, latest: string, fileForce: string | undefined): Problem | ValidRow {
  if (f.length !== c.width) {
    return {
      message: `expected ${c.width} fields, found ${f.length}`,
      file: display,
      line,
      expected: `${c.width} comma-separated fields, as in the header`,
      found: `${f.length} fields`,
      hint: f.length < c.width ? 'the file may be truncated, or a row was cut short' : 'a field containing a comma must be in double quotes',
    };
  }
  const at = (column: number, columnName: string, message: string, expected: string, found: string, hint: string): Problem => ({
    message,
    file: display,
    line,
    column: column + 1,
    columnName,
    expected,
    found,
    hint,
  });
  const month = f[c.iMonth]!.trim();
  const m = MONTH_RE.exec(month);
  const mm = m ? Number(m[2]) : 0;
  if (!m || mm < 1 || mm > 12) {
    return at(c.iMonth, 'Month', 'invalid month', 'a month as YYYY-MM, e.g. 2016-04', showFound(month),
      'police.uk months are YYYY-MM; a spreadsheet may have rewritten them (e.g. "Dec-16"): export again without opening in Excel');
  }
  if (month > latest) {
    return at(c.iMonth, 'Month', 'month is in the future', `a month no later than ${latest}`, showFound(month), 'check the Month column and the file name');
  }
  const typeText = f[c.iType]!.trim();
  const type = TYPE_INDEX.get(typeText.toLowerCase());
  if (type === undefined) {
    return at(c.iType, 'Crime type', 'unknown crime type', `one of the 14 police.uk crime types (${CRIME_TYPES.join(', ')})`, showFound(typeText),
      'police.uk category names are used as published; "Violent crime" and "Public disorder and weapons" are pre-2013 categories and are not supported');
  }
  const id = f[c.iId]!.trim();
  if (type !== ASB_INDEX && id === '') {
    return at(c.iId, 'Crime ID', 'a crime has no Crime ID', 'a Crime ID (only anti-social behaviour rows have none)', '""', 'the file may have been edited; download it again');
  }
  const force = f[c.iFalls]!.trim() || fileForce || 'unknown force';
  return { month, type, id, force, code: f[c.iCode]!.trim(), name: f[c.iName]!.trim() };
}

/** The error for a second street file holding a force-month already read from another file. */
export function twoFilesError(force: string, month: string, display: string, line: number, earlier: string): SwpError {
  return new SwpError(ExitCode.INPUT, {
    message: `two street-level files hold ${force} for ${month}`,
    file: display,
    line,
    expected: 'one street-level file per force and month',
    found: `also in ${earlier}`,
    hint: 'remove the duplicate file or the overlapping folder from inputs.policeUk; anti-social behaviour would be counted twice',
  });
}

/** The problem for a street file with a header and nothing else. */
function headerOnlyProblem(display: string, headerLine: number): Problem {
  return {
    message: 'the file has a header but no data rows',
    file: display,
    line: headerLine,
    expected: 'at least one crime or anti-social behaviour row',
    found: 'only the header',
    hint: 'the download may have failed; police.uk files always have rows for a month with data',
  };
}

/**
 * Crime IDs already counted, per area of the read (a read of one area is what several one-area reads would be).
 * `add` returns false when the ID was counted in that area already.
 */
export interface CrimeIdSet {
  add(id: string, area: number): boolean;
}

/** A `CrimeIdSet` on a plain `Set<string>` (the reference reader's). */
export function stringIdSet(): CrimeIdSet {
  const seen = new Set<string>();
  return {
    add(id, area) {
      const key = area === 0 ? id : `${area}\u0000${id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}

/** Everything a read builds up across files, in file order. */
export interface IngestState {
  /** The counts of each area of the read. */
  areas: AreaCounts[];
  classifier: AreaClassifier;
  months: MonthSlots;
  /** What is the same for every area: rows read, rows with no location, valid rows with one; forces and files. */
  shared: { rows: number; noLocation: number; located: number; monthsByForce: PoliceUkData['monthsByForce']; files: string[] };
  summaries: FileSummary[];
  problems: ProblemCollector;
  /** Crime IDs already counted: the same crime in two files (a re-download, overlapping folders) counts once. */
  ids: CrimeIdSet;
  /**
   * (force, month) → file that supplied it: two street files for one force-month would double-count ASB, which has
   * no Crime ID to de-duplicate on. Keyed `${force}\u0000${month}`.
   */
  forceMonthFile: Map<string, string>;
  latest: string;
  options: PoliceUkOptions;
}

export function newIngestState(options: PoliceUkOptions, ids: CrimeIdSet): IngestState {
  const filters = areaFilters(options);
  const pool = new CountsPool();
  return {
    areas: filters.map(() => new AreaCounts(pool)),
    classifier: new AreaClassifier(filters),
    months: new MonthSlots(),
    shared: { rows: 0, noLocation: 0, located: 0, monthsByForce: new Map(), files: [] },
    summaries: [],
    problems: new ProblemCollector(options.maxProblems ?? 20),
    ids,
    forceMonthFile: new Map(),
    latest: options.latestMonth ?? currentMonth(),
    options,
  };
}

/** What a read gives: each area's data (`data` is the first, the only one unless `options.areas`), and file summaries. */
export interface PoliceUkRead {
  data: PoliceUkData;
  areas: PoliceUkData[];
  summaries: FileSummary[];
}

/** The duplicate note, then all problems at once; returns the result. */
export function finishIngest(state: IngestState): PoliceUkRead {
  const { options } = state;
  const duplicates = state.areas.reduce((n, a) => n + a.duplicates, 0);
  if (duplicates > 0) {
    options.onWarning?.({ message: `${duplicates} crime${duplicates === 1 ? '' : 's'} appeared in more than one file and ${duplicates === 1 ? 'was' : 'were'} counted once` });
  }
  state.problems.throwIfAny(ExitCode.INPUT);
  const areas = state.areas.map((a) => a.finish(state.months, state.shared.located, state.shared));
  return { data: areas[0]!, areas, summaries: state.summaries };
}

/** What has been read of one street file so far (the fast reader hands a half-read file over with it). */
export interface FileProgress {
  summary: FileSummary;
  firstMonth: string | undefined;
  lastMonth: string | undefined;
  /** LSOAs counted from this file. */
  lsoasInFile: Set<string>;
}

/** Close a street file: header-only problem, periods and LSOA count into its summary, summary and name into the state. */
export function closeStreetFile(state: IngestState, display: string, headerLine: number, p: FileProgress): void {
  if (p.summary.rows === 0) state.problems.add(headerOnlyProblem(display, headerLine));
  if (p.firstMonth !== undefined) p.summary.firstPeriod = p.firstMonth;
  if (p.lastMonth !== undefined) p.summary.lastPeriod = p.lastMonth;
  p.summary.areas = p.lsoasInFile.size;
  state.summaries.push(p.summary);
  state.shared.files.push(display);
}

/**
 * Read one file with csv-parse into the state: the reference reader calls it for every file, the fast reader for
 * the files it leaves to csv-parse. With `resume`, the first `resume.skipRecords` data rows were already counted by
 * the fast reader (into `resume.progress`) and are passed over.
 */
export async function readStreetFileCsvParse(
  state: IngestState,
  file: string,
  display: string,
  resume?: { skipRecords: number; progress: FileProgress },
): Promise<void> {
  const { shared, options, problems, forceMonthFile, latest, classifier, months, areas } = state;
  const { force: fileForce, kind: kindFromName } = fileNameInfo(file);
  const rows = readCsvRows(file, { displayPath: display, encoding: options.encoding ?? 'auto', onWarning: options.onWarning });
  const first = await rows.next();
  const header = first.done ? undefined : first.value;
  if (!header) throw wrongHeaderError(display, undefined, FORMAT_NAME, COLUMNS, []);

  const verdict = classifyHeader(header.fields, kindFromName, options.columns);
  if (verdict.kind === 'skip') {
    await rows.return(undefined);
    const { warning, summary } = skippedFile(display, verdict.what);
    if (warning) options.onWarning?.(warning);
    state.summaries.push(summary);
    return;
  }
  if (verdict.kind === 'wrong') {
    await rows.return(undefined);
    throw wrongHeaderError(display, header, FORMAT_NAME, COLUMNS, verdict.missing);
  }
  const c = verdict.columns;
  const progress: FileProgress = resume?.progress ?? { summary: { file: display, kind: 'police-uk-street', rows: 0 }, firstMonth: undefined, lastMonth: undefined, lsoasInFile: new Set() };
  const { summary, lsoasInFile } = progress;
  let skip = resume?.skipRecords ?? 0;

  for await (const row of rows) {
    if (skip > 0) {
      skip--;
      continue;
    }
    summary.rows++;
    shared.rows++;
    const v = checkRow(row.fields, row.line, c, display, latest, fileForce);
    if ('message' in v) {
      problems.add(v);
      continue;
    }
    const { month, type: t, id, force } = v;
    const fmKey = `${force}\u0000${month}`;
    const earlier = forceMonthFile.get(fmKey);
    if (earlier === undefined) forceMonthFile.set(fmKey, display);
    else if (earlier !== display) {
      await rows.return(undefined);
      throw twoFilesError(force, month, display, row.line, earlier);
    }
    let forceMonths = shared.monthsByForce.get(force);
    if (!forceMonths) shared.monthsByForce.set(force, (forceMonths = new Set()));
    forceMonths.add(month);
    if (progress.firstMonth === undefined || month < progress.firstMonth) progress.firstMonth = month;
    if (progress.lastMonth === undefined || month > progress.lastMonth) progress.lastMonth = month;

    const { code, name: lname } = v;
    if (code === '') {
      shared.noLocation++;
      continue;
    }
    shared.located++;
    // Each area the LSOA is in counts the row, unless that area counted its Crime ID already.
    for (const a of classifier.areasOf(code, lname)) {
      const area = areas[a]!;
      area.forceRows(force, 1);
      if (id !== '' && !state.ids.add(id, a)) {
        area.duplicates++;
        continue;
      }
      area.count(month, months.slot(month), code, lname, t);
      lsoasInFile.add(code);
    }
  }
  closeStreetFile(state, display, header.line, progress);
}

export type { CsvRow };
