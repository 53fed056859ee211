/**
 * What happened to the crimes of a document's months: the street files of the forces covering the area (each crime's
 * type, LSOA and "Last outcome category") joined on Crime ID with the outcomes files of the same forces
 * (`YYYY-MM-<force>-outcomes.csv`, ./formats/police-uk-outcomes.ts). This narrower read runs only when a document is
 * made, once its months are known, apart from the fast street scanner (which it leaves alone).
 *
 * Rules of the join:
 * - The latest outcome wins: the outcomes row with the latest Month (rows of one month: the later in file order);
 *   where a crime has no outcomes row, its street row's Last outcome category. An outcomes row always beats the street
 *   category, which may come from an older edition of the street file.
 * - Anti-social behaviour has no Crime ID and no outcome: left out.
 * - A crime is the partnership's when its street row's LSOA is in the area, by the street reader's own test
 *   (AreaClassifier: the LSOA code list, else the LSOA name's local-authority part). The force figures are every crime
 *   in the covering forces' street files.
 * - A Crime ID met again in another street file (a re-download, overlapping folders) counts once, as in the street
 *   reader: the first row read is kept.
 */
import { basename } from 'node:path';
import { ASB_INDEX } from '../model/data.js';
import { ExitCode, ProblemCollector, type Warning } from '../model/errors.js';
import { shownPath } from '../files/paths.js';
import { readCsvRows, type Encoding } from './csv.js';
import { AreaClassifier, checkRow, classifyHeader, expandPaths, fileNameInfo, type AreaFilter } from './formats/police-uk-core.js';
import { checkOutcomesRow, outcomeCategory, OUTCOMES_FILE_COLUMNS, OUTCOMES_FORMAT_NAME, type OutcomeCategory } from './formats/police-uk-outcomes.js';
import { matchHeader, wrongHeaderError } from './header.js';
import { forceOfSlug } from './stop-search.js';

/** One crime of the months read, after the join. */
export interface OutcomeCrime {
  /** The crime's month (street file), YYYY-MM. */
  month: string;
  /** Index in CRIME_TYPES (never anti-social behaviour). */
  type: number;
  /** In the partnership's LSOAs. */
  inArea: boolean;
  /** The latest outcome's category, or null when neither file gives one. */
  category: OutcomeCategory | null;
}

export interface OutcomesInput {
  /** Covering forces whose street files were read (in file order). */
  forces: string[];
  /** Crime months asked for. */
  months: string[];
  crimes: OutcomeCrime[];
  streetFiles: string[];
  outcomesFiles: string[];
  /** The latest month of an outcomes file read, or null without outcomes files. */
  latestOutcomesMonth: string | null;
  /** Outcome strings not in the table (counted as other): the string, the first file it was met in, and how many crimes. */
  unknown: Array<{ text: string; file: string; crimes: number }>;
}

export interface OutcomesReadOptions {
  displayBase: string;
  /** Covering forces ("Falls within" names); all forces' files when empty. */
  forces: readonly string[];
  /** The crime months wanted, YYYY-MM. */
  months: readonly string[];
  area: AreaFilter;
  encoding?: Encoding;
  columns?: Record<string, string>;
  latestMonth?: string;
  onWarning?: (w: Warning) => void;
}

interface Crime extends OutcomeCrime {
  /** Month of the outcomes row that set `category`, or '' when it is the street category. */
  from: string;
}

type Unknown = Map<string, { file: string; crimes: number }>;

/** The category of a string, recording an unknown one (counted as other). */
function categorise(text: string, file: string, unknown: Unknown): OutcomeCategory | null {
  if (text.trim() === '') return null;
  const c = outcomeCategory(text);
  if (c) return c;
  const key = text.trim();
  const u = unknown.get(key);
  if (u) u.crimes++;
  else unknown.set(key, { file, crimes: 1 });
  return 'other';
}

interface ReadState {
  byId: Map<string, Crime>;
  crimes: Crime[];
  problems: ProblemCollector;
  unknown: Unknown;
  wanted: ReadonlySet<string>;
  classifier: AreaClassifier;
  options: OutcomesReadOptions;
}

/** One street file: its crimes of the wanted months, with their street category. */
async function readStreet(s: ReadState, file: string, display: string): Promise<void> {
  const { options } = s;
  const rows = readCsvRows(file, { displayPath: display, encoding: options.encoding ?? 'auto', onWarning: options.onWarning });
  const first = await rows.next();
  const header = first.done ? undefined : first.value;
  const verdict = header ? classifyHeader(header.fields, 'street', options.columns) : undefined;
  if (!header || !verdict || verdict.kind !== 'street') {
    await rows.return(undefined);
    return; // the street reader reports a wrong header; an outcomes or stop-and-search file is not read here
  }
  const c = verdict.columns;
  const iOutcome = matchHeader(header.fields, [{ name: 'Last outcome category', aliases: [], required: false }], options.columns).index['Last outcome category'];
  const latest = options.latestMonth ?? '9999-12';
  const fileForce = fileNameInfo(file).force;
  for await (const row of rows) {
    const v = checkRow(row.fields, row.line, c, display, latest, fileForce);
    if ('message' in v) {
      s.problems.add(v);
      continue;
    }
    if (v.type === ASB_INDEX || !s.wanted.has(v.month) || s.byId.has(v.id)) continue;
    const inArea = v.code !== '' && s.classifier.areasOf(v.code, v.name).length > 0;
    const text = iOutcome === undefined ? '' : (row.fields[iOutcome] ?? '');
    const crime: Crime = { month: v.month, type: v.type, inArea, category: categorise(text, display, s.unknown), from: '' };
    s.byId.set(v.id, crime);
    s.crimes.push(crime);
  }
}

/** One outcomes file: the latest outcome of each crime read from the street files. */
async function readOutcomesFile(s: ReadState, file: string, display: string): Promise<void> {
  const { options } = s;
  const rows = readCsvRows(file, { displayPath: display, encoding: options.encoding ?? 'auto', onWarning: options.onWarning });
  const first = await rows.next();
  const header = first.done ? undefined : first.value;
  const { index, missing } = header ? matchHeader(header.fields, OUTCOMES_FILE_COLUMNS) : { index: {}, missing: ['Crime ID'] };
  if (!header || missing.length > 0) {
    await rows.return(undefined);
    throw wrongHeaderError(display, header, OUTCOMES_FORMAT_NAME, OUTCOMES_FILE_COLUMNS, missing);
  }
  const ix = { id: index['Crime ID']!, month: index['Month']!, outcome: index['Outcome type']!, width: header.fields.length };
  for await (const row of rows) {
    const v = checkOutcomesRow(row.fields, row.line, ix, display);
    if ('message' in v) {
      s.problems.add(v);
      continue;
    }
    const crime = s.byId.get(v.id);
    // Later months win; within a month the later row (files are read in month order).
    if (!crime || v.month < crime.from) continue;
    crime.category = categorise(v.outcome, display, s.unknown);
    crime.from = v.month;
  }
}

const fileMonth = (file: string) => /^(\d{4}-\d{2})-/.exec(basename(file))?.[1];

/**
 * Read the street and outcomes files among `paths` of the covering forces for the crimes of `options.months`, and
 * join them. Undefined when no street file of those forces holds any of the months.
 *
 * @throws SwpError(INPUT) with the file, line and column of every bad row, or for an outcomes file whose header is not one.
 */
export async function readOutcomesFiles(paths: readonly string[], options: OutcomesReadOptions): Promise<OutcomesInput | undefined> {
  const wanted = new Set(options.months);
  const firstMonth = [...wanted].sort()[0] ?? '';
  const s: ReadState = { byId: new Map(), crimes: [], problems: new ProblemCollector(20), unknown: new Map(), wanted, classifier: new AreaClassifier([options.area]), options };
  const street: Array<[string, string]> = [];
  const outcomes: Array<[string, string, string]> = [];
  const forces: string[] = [];
  for (const file of await expandPaths(paths, options.displayBase)) {
    const info = fileNameInfo(file);
    const month = fileMonth(file);
    if (info.force === undefined || month === undefined) continue;
    const force = forceOfSlug(info.force, options.forces);
    if (force === null) continue;
    const display = shownPath(options.displayBase, file);
    if (info.kind === 'street' && wanted.has(month)) {
      street.push([file, display]);
      if (!forces.includes(force)) forces.push(force);
    } else if (info.kind === 'outcomes' && month >= firstMonth) outcomes.push([file, display, month]);
  }
  if (street.length === 0) return undefined;
  for (const [file, display] of street) await readStreet(s, file, display);
  outcomes.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  for (const [file, display] of outcomes) await readOutcomesFile(s, file, display);
  s.problems.throwIfAny(ExitCode.INPUT);
  const unknown = [...s.unknown].map(([text, u]) => ({ text, ...u }));
  for (const u of unknown) {
    options.onWarning?.({ message: `unknown police.uk outcome "${u.text}" (${u.crimes} crime${u.crimes === 1 ? '' : 's'}) counted as "other"`, file: u.file, hint: 'swp knows the outcome names police.uk publishes; if police.uk has added one, report it so it can be placed' });
  }
  return {
    forces,
    months: [...options.months],
    crimes: s.crimes.map(({ from: _from, ...c }) => c),
    streetFiles: street.map(([, d]) => d),
    outcomesFiles: outcomes.map(([, d]) => d),
    latestOutcomesMonth: outcomes.at(-1)?.[2] ?? null,
    unknown,
  };
}
