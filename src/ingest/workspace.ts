/**
 * The workspace loader: finds and validates the config, then reads every input it names, collecting the problems
 * of all files into one error so an analyst fixes a batch of exports in one pass rather than one file per run.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Config, InputSource } from '../model/config.js';
import { CRIME_TYPES, crimeTypeIndicatorId, type FileSummary, type HomeOfficeRow, type MeasureRow, type PoliceUkData, type PopulationRow } from '../model/data.js';
import { ExitCode, SwpError, type Problem, type Warning } from '../model/errors.js';
import type { ReferenceData } from '../model/reference.js';
import { mismatchWarnings, nothingForArea, uniqueMeasures, uniquePopulation } from './assembly.js';
import { lsoaPrefixes, prefixList } from './lsoa-prefixes.js';
import { findConfig, formatKeyPath, loadConfig } from './config.js';
import type { Encoding } from './csv.js';
import { shippedHarmWeights } from './formats/harm-weights.js';
import { readHomeOfficeTable } from './formats/home-office-workbook.js';
import { readPopulationTable } from './formats/population-workbook.js';
import { TABLE_FILES } from './workbook.js';
import { homeOfficeNameWarnings, homeOfficeOverlaps } from './home-office.js';
import { readMeasures } from './formats/measures.js';
import { readPoliceUk, type AreaFilter } from './formats/police-uk.js';
import { NoDataRows } from './formats/table-reader.js';
import { lsoaCodesFromText } from './area-lookup.js';
import { computeCoverage } from './coverage.js';
import { placesFiles, readPlacesForAreas as readAreasPlaces, type PlacesArea } from './places.js';
import type { PlacesGeography } from '../model/places.js';
import {
  readConsultation,
  readPlanReview,
  readScores,
  type ConsultationRow,
  type PlanReviewRow,
  type ScoreRow,
} from './formats/workspace-tables.js';
import { shownPath } from '../files/paths.js';
import { readActionPlan, readExceptionActions, type ActionPlanRow, type ExceptionActionRow } from './formats/partnership-actions.js';
import { emptyAnalystText, readAnalystText, type AnalystText } from './analyst-text.js';
import { readCensusEthnicity, type CensusEthnicityRow } from './formats/census-ethnicity.js';
import type { StopSearchInput } from './stop-search.js';
import type { OutcomesInput } from './outcomes.js';

export type { ConsultationRow, PlanReviewRow, ScoreRow, ActionPlanRow, ExceptionActionRow, AnalystText };

/** Everything a workspace holds, read and validated. */
export interface Workspace {
  /** Absolute folder of the config file; config paths resolve against it. */
  root: string;
  configFile: string;
  config: Config;
  police: PoliceUkData | undefined;
  homeOffice: HomeOfficeRow[];
  measures: MeasureRow[];
  population: PopulationRow[];
  planReview: PlanReviewRow[];
  consultation: ConsultationRow[];
  scores: ScoreRow[];
  /** The partnership's action plan for the year ahead, and what the board is told about exceptions (none without the files). */
  actionPlan?: ActionPlanRow[];
  exceptionActions?: ExceptionActionRow[];
  /** The analyst's Markdown from text/ (src/ingest/analyst-text.ts). */
  analystText?: AnalystText;
  summaries: FileSummary[];
  /** The shipped reference tables (harm weights), read once per process. */
  reference: ReferenceData;
  /** The geography of the "Where crime happens" chapter (inputs.places), when configured. */
  places?: PlacesGeography;
  /** How the police.uk inputs were read, so other areas can be read from the same files (batch mode). */
  policeInput?: { paths: string[]; encoding: Encoding; columns?: Record<string, string>; displayBase: string; latestMonth?: string; area?: AreaFilter };
  /** The geography folder's files (inputs.places), so a batch reads them once for all its areas. */
  placesInput?: { files: string[]; displayBase: string };
  /** Census 2021 TS021 residents by ethnic group (inputs.ethnicity), every row of the file(s). */
  ethnicity?: CensusEthnicityRow[];
  /** The stop-and-search files of the document's months, read when a document is made (src/ingest/stop-search.ts). */
  stopSearch?: StopSearchInput;
  /** The crimes of the document's months with their latest outcome, read when a document is made (src/ingest/outcomes.ts). */
  outcomes?: OutcomesInput;
}

export interface LoadOptions {
  /** Base for the file paths shown in messages (default: the current directory). */
  displayBase?: string;
  onWarning?: (w: Warning) => void;
  /** Latest month allowed in the data, YYYY-MM (default: this month). Tests pin it. */
  latestMonth?: string;
  /** Total problems kept across all files before the rest are only counted. */
  maxProblems?: number;
  /** Leave the geography (inputs.places) unread: a batch reads it once for all its areas (readPlacesForAreas). */
  deferPlaces?: boolean;
}

/** Inputs whose configured folder may be empty: the documents are made without them (`swp init` lists them). */
const OPTIONAL_INPUTS = new Set(['homeOffice', 'measures']);

const POLICE_HINT =
  'unzip the data.police.uk download there (the demo generates its files with `npm run demo:data`), or fix inputs.policeUk';

/** Normalise a config input entry to its source form. */
function sourceOf(entry: string | InputSource): InputSource {
  return typeof entry === 'string' ? { path: entry, encoding: 'auto' } : entry;
}

/** Expand a file-or-folder path to CSV files (folders: *.csv and *.tsv, or `pattern`, recursively, sorted). */
async function csvFiles(path: string, pattern = /\.(csv|tsv)$/i): Promise<string[]> {
  const st = await stat(path);
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...(await csvFiles(p, pattern)));
    else if (pattern.test(e.name)) out.push(p);
  }
  return out;
}

/** Read the LSOA code list (inline, or a file with one code per line, or a CSV whose first column is the code). */
async function lsoaCodes(config: Config, root: string, display: (p: string) => string): Promise<Set<string> | undefined> {
  const spec = config.area.lsoaCodes;
  if (spec === undefined) return undefined;
  if (Array.isArray(spec)) return new Set(spec.map((s) => s.trim()));
  const path = resolve(root, spec);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SwpError(ExitCode.INPUT, {
      message: 'the LSOA code list named in the config does not exist',
      file: display(path),
      keyPath: 'area.lsoaCodes',
      expected: 'a file with one LSOA code (e.g. E01010001) per line, relative to the config file',
      found: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'nothing at that path' : String((e as Error).message),
      hint: 'check the path, or list the codes inline: lsoaCodes: [E01010001, E01010002]',
    });
  }
  // An ONS lookup names the authority as ONS does: area.name, or any name the area's LSOAs were published under.
  const names = [...new Set([config.area.name, ...areaNames(config)])];
  const { codes, lookup } = lsoaCodesFromText(text, { code: config.area.code, names });
  if (lookup && codes.size === 0) {
    throw new SwpError(ExitCode.INPUT, {
      message: `the ONS lookup named in area.lsoaCodes has no rows for ${config.area.name} (${config.area.code})`,
      file: display(path),
      keyPath: 'area.lsoaCodes',
      expected: `rows whose ${lookup.areaColumns.join(' or ')} is ${config.area.code} or ${names.join(' or ')}`,
      found: `${lookup.authorities.length} local authorities, e.g. ${lookup.authorities.slice(0, 5).join(', ')}`,
      hint: 'check area.code, or list the names the lookup uses in area.lsoaNamePrefix',
    });
  }
  return codes;
}

/**
 * Load a workspace: config, then every input. Throws SwpError(CONFIG) for config problems and SwpError(INPUT)
 * with the problems of all input files together.
 */
export async function loadWorkspace(dir: string, options: LoadOptions = {}): Promise<Workspace> {
  const displayBase = options.displayBase ?? process.cwd();
  const configFile = findConfig(dir, displayBase);
  const config = await loadConfig(configFile, displayBase);
  const load = new InputReader(config, configFile, displayBase, options);
  const tables = await load.tables();
  const police = await load.police();
  const analystText = (await load.attempt(() => readAnalystText(load.root, config, { displayBase, onWarning: load.warn }))) ?? emptyAnalystText();
  const placeFiles = await load.placesFiles();
  const own: PlacesArea = { areaCode: config.area.code, areaNames: areaNames(config), police: police?.data };
  const places = placeFiles && !options.deferPlaces ? (await load.places(placeFiles, [own]))[0] : undefined;
  if (load.problems.length > 0) throw new SwpError(ExitCode.INPUT, load.problems, { omitted: load.omitted });

  const { homeOffice, measures, population, planReview, consultation, scores, actionPlan, exceptionActions, ethnicity } = tables;
  // Reference tables (harm weights) are read once per process and shared by every workspace of a run.
  const reference: ReferenceData = { harmWeights: await shippedHarmWeights() };
  const workspace: Workspace = { root: load.root, configFile, config, police: police?.data, homeOffice, measures, population, planReview, consultation, scores, actionPlan, exceptionActions, analystText, summaries: load.summaries, reference };
  if (police?.input) workspace.policeInput = police.input;
  if (places) workspace.places = places;
  if (placeFiles) workspace.placesInput = { files: placeFiles, displayBase };
  if (config.inputs.ethnicity !== undefined) workspace.ethnicity = ethnicity;
  await checkAssembled(workspace, load.warn);
  return workspace;
}

type TableReader<R> = (path: string, o: ReturnType<InputReader['readerOptions']>) => Promise<{ rows: R[]; summary: FileSummary }>;

/**
 * Reads the inputs a config names, keeping the problems of every file (up to a limit) instead of stopping at the
 * first bad one, and the summaries of the files read.
 */
class InputReader {
  readonly root: string;
  readonly problems: Problem[] = [];
  omitted = 0;
  readonly summaries: FileSummary[] = [];
  readonly warn: (w: Warning) => void;
  private readonly limit: number;

  constructor(
    private readonly config: Config,
    private readonly configFile: string,
    private readonly displayBase: string,
    private readonly options: LoadOptions,
  ) {
    this.root = dirname(configFile);
    this.limit = options.maxProblems ?? 50;
    this.warn = options.onWarning ?? (() => {});
  }

  display(p: string): string {
    return shownPath(this.displayBase, p);
  }

  /** Keep a problem, or count it once the limit is reached. */
  private keep(p: Problem): void {
    if (this.problems.length < this.limit) this.problems.push(p);
    else this.omitted++;
  }

  /** Run a reader and keep its problems instead of stopping at the first bad file. */
  async attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof SwpError) || e.code !== ExitCode.INPUT) throw e;
      for (const p of e.problems) this.keep(p);
      this.omitted += e.omitted;
      return undefined;
    }
  }

  /** Resolve a configured input to files, failing with the config key when it does not exist. */
  async filesOf(entry: string | InputSource, keyPath: (string | number)[], hint?: string, pattern?: RegExp): Promise<{ files: string[]; source: InputSource }> {
    const source = sourceOf(entry);
    const path = resolve(this.root, source.path);
    try {
      const files = await csvFiles(path, pattern);
      if (files.length === 0 && !OPTIONAL_INPUTS.has(String(keyPath[1]))) {
        this.problems.push({
          message: 'a folder named in the config holds no CSV files',
          file: this.display(path),
          keyPath: formatKeyPath(keyPath),
          expected: 'one or more .csv (or .tsv) files',
          found: 'an empty folder',
          hint: hint ?? 'put the exports in this folder (see the workspace README), or remove the entry from the config',
        });
      }
      return { files, source };
    } catch {
      this.problems.push({
        message: 'an input named in the config does not exist',
        file: this.display(path),
        keyPath: formatKeyPath(keyPath),
        expected: 'an existing file or folder, relative to the config file',
        found: 'nothing at that path',
        hint: hint ?? `check ${formatKeyPath(keyPath)} in ${this.display(this.configFile)}`,
      });
      return { files: [], source };
    }
  }

  readerOptions(source: InputSource, file: string) {
    return {
      displayPath: this.display(file),
      encoding: source.encoding as Encoding,
      ...(source.columns ? { columns: source.columns } : {}),
      onWarning: this.warn,
    };
  }

  /** Tabular inputs: read each file, keep rows and summaries. */
  async readAll<R>(entries: readonly (string | InputSource)[], key: string, reader: TableReader<R>, pattern?: RegExp): Promise<R[]> {
    const rows: R[] = [];
    for (const [i, entry] of entries.entries()) {
      const { files, source } = await this.filesOf(entry, ['inputs', key, i], undefined, pattern);
      for (const file of files) {
        // A header-only file (an `swp init` template not yet filled in) is "no data yet", not an error.
        const got = await this.attempt(() => reader(file, this.readerOptions(source, file)).catch((e) => (e instanceof NoDataRows ? undefined : Promise.reject(e))));
        if (got) {
          // Not push(...rows): a national Home Office table has ~10^6 rows, beyond the argument limit of a call.
          for (const r of got.rows) rows.push(r);
          this.summaries.push(got.summary);
        }
      }
    }
    return rows;
  }

  readOne<R>(entry: string | InputSource | undefined, key: string, reader: TableReader<R>): Promise<R[]> {
    return entry === undefined ? Promise.resolve([]) : this.readAll([entry], key, reader);
  }

  /** Every tabular input (all but police.uk), in the order their problems are reported. */
  async tables(): Promise<Pick<Workspace, 'population' | 'measures' | 'homeOffice' | 'planReview' | 'consultation' | 'scores' | 'actionPlan' | 'exceptionActions'> & { ethnicity: CensusEthnicityRow[] }> {
    const { inputs } = this.config;
    // One figure per key across all the files of an input (./assembly.ts): clashes join the problems of the files.
    const population = (await this.attempt(async () => uniquePopulation(await this.readAll(inputs.population, 'population', readPopulationTable, TABLE_FILES)))) ?? [];
    const measures = (await this.attempt(async () => uniqueMeasures(await this.readAll(inputs.measures, 'measures', readMeasures), this.warn))) ?? [];
    const homeOffice = await this.readAll(inputs.homeOffice, 'homeOffice', readHomeOfficeTable, TABLE_FILES);
    // Two editions of the Home Office table side by side would count every offence twice: an error (ingest/home-office.ts).
    for (const p of homeOfficeOverlaps(homeOffice)) this.keep(p);
    const planReview = await this.readOne(inputs.planReview, 'planReview', readPlanReview);
    const consultation = await this.readOne(inputs.consultation, 'consultation', readConsultation);
    const scores = await this.readOne(inputs.scores, 'scores', readScores);
    const actionPlan = await this.readOne(inputs.actionPlan, 'actionPlan', readActionPlan);
    const exceptionActions = await this.readOne(inputs.exceptions, 'exceptions', readExceptionActions);
    const ethnicity = await this.readOne(inputs.ethnicity, 'ethnicity', readCensusEthnicity);
    return { population, measures, homeOffice, planReview, consultation, scores, actionPlan, exceptionActions, ethnicity };
  }

  /** The geography folder's files (inputs.places); undefined when not configured, or missing (reported with the config key). */
  async placesFiles(): Promise<string[] | undefined> {
    const entry = this.config.inputs.places;
    if (entry === undefined) return undefined;
    try {
      return await placesFiles(resolve(this.root, sourceOf(entry).path));
    } catch {
      // The path does not exist: filesOf reports it with the config key.
      await this.filesOf(entry, ['inputs', 'places']);
      return undefined;
    }
  }

  /** The geography read for each of `areas`, in one pass over the files (./places.ts). */
  places(files: readonly string[], areas: readonly PlacesArea[]): Promise<PlacesGeography[]> {
    const source = sourceOf(this.config.inputs.places!);
    return readAreasPlaces(files, areas, { options: (f) => this.readerOptions(source, f), attempt: (fn) => this.attempt(fn), summaries: this.summaries });
  }

  /** The police.uk street files, counted for the area, and how they were read (for the other areas of a batch). */
  async police(): Promise<{ data: PoliceUkData | undefined; input?: NonNullable<Workspace['policeInput']> } | undefined> {
    const { config, displayBase, options } = this;
    if (config.inputs.policeUk.length === 0) return undefined;
    const codes = await this.attempt(() => lsoaCodes(config, this.root, (p) => this.display(p)));
    const area: AreaFilter = codes ? { lsoaCodes: codes } : { lsoaNamePrefix: config.area.lsoaNamePrefix ?? config.area.name };
    const paths: string[] = [];
    let encoding: Encoding = 'auto';
    let columns: Record<string, string> | undefined;
    for (const [i, entry] of config.inputs.policeUk.entries()) {
      const { files, source } = await this.filesOf(entry, ['inputs', 'policeUk', i], POLICE_HINT);
      paths.push(...files);
      encoding = source.encoding as Encoding;
      columns = source.columns ?? columns;
    }
    const latest = options.latestMonth ? { latestMonth: options.latestMonth } : {};
    const got = await this.attempt(() => readPoliceUk(paths, { area, encoding, ...(columns ? { columns } : {}), displayBase, onWarning: this.warn, ...latest }));
    const input = paths.length > 0 ? { input: { paths, encoding, displayBase, ...(columns ? { columns } : {}), ...latest, area } } : {};
    if (!got) return { data: undefined, ...input };
    // Covering forces named in the config replace the ones derived from the data (src/ingest/coverage.ts).
    if (config.area.forces?.length) got.data.coverage = computeCoverage(got.data, config.area.forces);
    this.summaries.push(...got.summaries);
    if (got.data.tally.inArea === 0 && got.data.tally.rows > 0) {
      this.warn({
        message: `no police.uk rows fall in ${config.area.name}: ${codes ? 'none of the LSOA codes in area.lsoaCodes occur' : `no LSOA name starts with ${areaNames(config).map((n) => `"${n} "`).join(' or ')}`}`,
        keyPath: codes ? 'area.lsoaCodes' : 'area.lsoaNamePrefix',
      });
    }
    return { data: got.data, ...input };
  }
}

/**
 * Checks across the inputs once all are read: warnings where they disagree, a refusal when nothing is for the area
 * (naming the LSOA names the files do use), and Home Office names that match no area.
 */
async function checkAssembled(workspace: Workspace, warn: (w: Warning) => void): Promise<void> {
  const { config, police, population, measures, homeOffice } = workspace;
  for (const w of crossChecks(workspace)) warn(w);
  const nothing = nothingForArea(workspace);
  if (nothing) {
    // The usual cause is a name the files do not use (a typo, a merger): say which names they do use.
    const names = police && police.tally.rows > 0 ? prefixList(await lsoaPrefixes(workspace)) : '';
    if (names) nothing.hint = `LSOA names in the police.uk files begin with ${names}: set area.name (or area.lsoaNamePrefix) to the one for your area; ${nothing.hint}`;
    throw new SwpError(ExitCode.INPUT, nothing);
  }
  const nameOfCode = (code: string) => population.find((p) => p.areaCode === code)?.areaName ?? measures.find((m) => m.areaCode === code)?.areaName;
  for (const w of homeOfficeNameWarnings(config, homeOffice, nameOfCode)) warn(w);
}

/** The names the area's LSOAs are published under: area.lsoaNamePrefix (one or several), else area.name. */
export function areaNames(config: Config): string[] {
  const p = config.area.lsoaNamePrefix;
  return p === undefined ? [config.area.name] : typeof p === 'string' ? [p] : [...p];
}

/** Consistency checks across inputs that do not stop a run but that an analyst should know about. */
function crossChecks(ws: Workspace): Warning[] {
  const out: Warning[] = [];
  const { config } = ws;
  const popAreas = new Set(ws.population.map((p) => p.areaCode));
  if (!popAreas.has(config.area.code)) {
    out.push({ message: `the population files have no rows for ${config.area.name} (${config.area.code}): rates per 1,000 residents cannot be computed`, keyPath: 'inputs.population' });
  }
  const known = new Set<string>(ws.measures.map((m) => m.indicator));
  if (ws.police) for (const id of ['recorded-crime.all', ...CRIME_TYPES.map(crimeTypeIndicatorId)]) known.add(id);
  // Configured indicators without data, measures without the area's code, scores the config does not know.
  out.push(...mismatchWarnings(ws, known));
  return out;
}

/** The local authorities a batch run can cover: areas of the population file that are not regions or countries. */
export function localAuthorities(ws: Workspace): { name: string; code: string }[] {
  const seen = new Map<string, string>();
  for (const p of ws.population) if (/^(E06|E07|E08|E09|W06)/.test(p.areaCode)) seen.set(p.areaCode, p.areaName);
  return [...seen].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The police.uk data of several local authorities (LSOA names "<name> 123A"), from one read of the workspace's
 * police.uk files: a batch of 300 partnerships reads the national files once, not 300 times. Undefined for a
 * workspace without police.uk input. Warnings were given when the workspace was loaded and are not repeated.
 */
export async function readPoliceForAreas(ws: Workspace, areas: readonly { name: string; code: string }[]): Promise<PoliceUkData[] | undefined> {
  if (!ws.policeInput || areas.length === 0) return undefined;
  const { paths, ...rest } = ws.policeInput;
  const read = await readPoliceUk(paths, { ...rest, area: {}, areas: areas.map((a) => ({ lsoaNamePrefix: a.name })) });
  return read.areas;
}

/**
 * The geography (inputs.places) of several areas from one read of its files: each boundary file is streamed once,
 * keeping the features of all the areas (a batch, --all-areas). Each area's LSOAs and wards come from the ward
 * lookup (its local-authority code) and its police.uk data, as for a single run. Undefined without inputs.places.
 * Problems of the files stop the run (exit 3), as when the workspace is loaded.
 */
export async function readPlacesForAreas(ws: Workspace, areas: readonly PlacesArea[], onWarning?: (w: Warning) => void): Promise<PlacesGeography[] | undefined> {
  if (!ws.placesInput || areas.length === 0) return undefined;
  const load = new InputReader(ws.config, ws.configFile, ws.placesInput.displayBase, onWarning ? { onWarning } : {});
  const geos = await load.places(ws.placesInput.files, areas);
  if (load.problems.length > 0) throw new SwpError(ExitCode.INPUT, load.problems, { omitted: load.omitted });
  return geos;
}

/**
 * The same workspace for another local authority, with its police.uk data (`readPoliceForAreas`) and geography
 * (`readPlacesForAreas`); measures, population and the Home Office table are shared. The partnership's own tables
 * (plan, consultation, scores) and priorities belong to the configured partnership and are left out.
 */
export function workspaceForArea(ws: Workspace, area: { name: string; code: string }, police: PoliceUkData | undefined, places?: PlacesGeography): Workspace {
  const config: Config = structuredClone(ws.config);
  config.partnership = { name: `${area.name} Community Safety Partnership` };
  config.area = { name: area.name, code: area.code, lsoaNamePrefix: area.name, cspName: area.name, peers: [] };
  config.branding = { ...config.branding, name: undefined };
  // The configured area's geography is never another area's: the batch reads each area's (readPlacesForAreas).
  // So are the stop-and-search and outcome files (read for the configured area's forces and LSOAs): another area's
  // are read for its own.
  const { places: _ownArea, stopSearch: _ownSearches, outcomes: _ownOutcomes, ...rest } = ws;
  return { ...rest, ...(places ? { places } : {}), config, police, planReview: [], consultation: [], scores: [], actionPlan: [], exceptionActions: [], analystText: emptyAnalystText() };
}
