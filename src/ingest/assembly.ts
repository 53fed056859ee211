/**
 * Checks on the assembly of a workspace's inputs, across files: the readers check each file on its own, this module
 * checks what the files say together.
 *
 * - One figure per key. A population row is keyed by area, year and age band; a measures row by indicator, area and
 *   period. The same key in two files (or twice in one) would be added up or silently overwritten further on, so it
 *   is an error naming both files and lines: the "unique" test of dbt (docs.getdbt.com, data tests) applied to all
 *   the files of an input together. One documented precedence applies, to measures only: a row marked revised
 *   (status `r`, the GSS symbol [r]) replaces a provisional (`p`) or unmarked row for the same key, with a warning
 *   naming both, and the figure's note in the documents says so (`MeasureRow.supersedes`).
 * - Mismatches between the config and the data: measures with no rows for the area's code, workshop scores for
 *   candidates or criteria the config does not have, configured indicators without data. Each is a warning that
 *   names the alternatives found; a workspace in which nothing at all is for the area is an error.
 */
import { distance } from 'fastest-levenshtein';
import type { Config } from '../model/config.js';
import type { MeasureRow, PoliceUkData, PopulationRow, SourceRef } from '../model/data.js';
import { ExitCode, SwpError, type Problem, type Warning } from '../model/errors.js';
import { didYouMean } from './config.js';
import type { ScoreRow } from './formats/workspace-tables.js';

/** A row of one of the keyed inputs, as this module needs it. */
interface Keyed {
  source: SourceRef;
}

/** Two rows with the same key: the one read first and the one read later. */
interface Clash<R> {
  first: R;
  later: R;
}

/** Rows grouped by key, in reading order (files are read in config order, folders in sorted order). */
function byKey<R>(rows: readonly R[], keyOf: (r: R) => string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const at = (s: SourceRef) => `${s.file} line ${s.line}`;

/**
 * One problem per pair of files (a file copied under another name repeats every row: one message, not thousands),
 * located at the first clashing row of the later file and naming the row of the earlier one.
 */
function clashProblems<R extends Keyed>(
  clashes: readonly Clash<R>[],
  o: { what: string; keyPath: string; describe: (r: R) => string; same: (a: R, b: R) => boolean; expected: string; hintSame: string; hintDifferent: string },
): Problem[] {
  const pairs = new Map<string, Clash<R>[]>();
  for (const c of clashes) {
    const k = `${c.first.source.file}\u0000${c.later.source.file}`;
    const list = pairs.get(k);
    if (list) list.push(c);
    else pairs.set(k, [c]);
  }
  const problems: Problem[] = [];
  for (const list of pairs.values()) {
    const { first, later } = list[0]!;
    const sameFile = first.source.file === later.source.file;
    if (sameFile && first.source.line === later.source.line) {
      // The config names the file twice (a folder and a file in it): every row is its own duplicate.
      problems.push({
        message: `${later.source.file} is read twice: the config names it twice, directly or through a folder that holds it`,
        file: later.source.file,
        keyPath: o.keyPath,
        expected: 'each file named once in the config',
        found: `${list.length} row${list.length === 1 ? '' : 's'} read twice`,
        hint: `remove the file or its folder from ${o.keyPath}`,
      });
      continue;
    }
    const different = list.filter((c) => !o.same(c.first, c.later)).length;
    const others = list.length - 1;
    problems.push({
      message: `${o.what} given twice: ${at(later.source)} and ${at(first.source)} both give ${o.describe(later)}`,
      file: later.source.file,
      line: later.source.line,
      expected: o.expected,
      found:
        `${list.length} row${list.length === 1 ? '' : 's'} of ${sameFile ? `this file repeat${list.length === 1 ? 's' : ''} others of the same file` : `${later.source.file} repeat${list.length === 1 ? 's' : ''} rows of ${first.source.file}`}` +
        (different === 0 ? ` with the same figures` : `, ${different} with different figures`) +
        (others > 0 ? ` (the first is shown)` : ''),
      hint: different === 0 && !sameFile ? o.hintSame : o.hintDifferent,
    });
  }
  return problems;
}

/**
 * Population rows must be unique by area, year and age band across every population file (an ONS wide file and a
 * canonical file giving the same area and year count too). There is no edition marker in population files, so no
 * precedence: the analyst keeps one.
 *
 * @throws SwpError(INPUT) naming both files and lines of each clash (one problem per pair of files).
 */
export function uniquePopulation(rows: PopulationRow[]): PopulationRow[] {
  const clashes: Clash<PopulationRow>[] = [];
  for (const list of byKey(rows, (r) => `${r.areaCode}|${r.year}|${r.ageBand}`).values()) {
    for (const later of list.slice(1)) clashes.push({ first: list[0]!, later });
  }
  if (clashes.length === 0) return rows;
  throw new SwpError(
    ExitCode.INPUT,
    clashProblems(clashes, {
      what: 'a population',
      keyPath: 'inputs.population',
      describe: (r) => `the mid-${r.year} population of ${r.areaName} (${r.areaCode}), age band ${r.ageBand}`,
      same: (a, b) => a.population === b.population,
      expected: 'one row per area, year and age band across all the population files (inputs.population)',
      hintSame: 'the two files hold the same figures: keep one copy (remove the other from the folder or from inputs.population)',
      hintDifferent: 'keep one edition of the estimates: remove the older file (or the older rows), so that each area, year and age band is given once',
    }),
  );
}

/** A measures row's key: indicator, area and period (the period's exact dates, as the reader's own duplicate check). */
const measureKey = (r: MeasureRow) => `${r.indicator}|${r.areaCode}|${r.periodStart}|${r.periodEnd}`;

/**
 * Measures rows must be unique by indicator, area and period across every measures file, with one precedence: a
 * revised row (status r) replaces the provisional or unmarked rows of its key, and keeps their file and line in
 * `supersedes` for the documents' note. Two revised rows, or two rows neither of them revised, are an error.
 *
 * @returns the rows kept, in reading order
 * @throws SwpError(INPUT) naming both files and lines of each clash (one problem per pair of files)
 */
export function uniqueMeasures(rows: MeasureRow[], warn: (w: Warning) => void): MeasureRow[] {
  const clashes: Clash<MeasureRow>[] = [];
  const dropped = new Set<MeasureRow>();
  /** revised file → replaced file → pairs, for one warning per pair of files. */
  const replaced = new Map<string, { revised: MeasureRow; old: MeasureRow }[]>();
  for (const list of byKey(rows, measureKey).values()) {
    if (list.length === 1) continue;
    const revised = list.filter((r) => r.revision === 'revised');
    const others = list.filter((r) => r.revision !== 'revised');
    if (revised.length === 1) {
      const kept = revised[0]!;
      kept.supersedes = others.map((r) => r.source);
      for (const old of others) {
        dropped.add(old);
        const k = `${kept.source.file}\u0000${old.source.file}`;
        const pairs = replaced.get(k);
        if (pairs) pairs.push({ revised: kept, old });
        else replaced.set(k, [{ revised: kept, old }]);
      }
      continue;
    }
    const group = revised.length > 1 ? revised : others;
    for (const later of group.slice(1)) clashes.push({ first: group[0]!, later });
  }
  if (clashes.length > 0) {
    throw new SwpError(
      ExitCode.INPUT,
      clashProblems(clashes, {
        what: 'a measure',
        keyPath: 'inputs.measures',
        describe: (r) => `${r.indicator} for ${r.areaName} (${r.areaCode}) from ${r.periodStart} to ${r.periodEnd}${r.revision === 'revised' ? ', both marked revised' : ''}`,
        same: (a, b) => a.numerator === b.numerator && a.denominator === b.denominator && a.reoffences === b.reoffences,
        expected: 'one row per indicator, area and period across all the measures files (inputs.measures); a row marked r (revised) in status replaces a provisional or unmarked one',
        hintSame: 'the two files hold the same figures: keep one copy (remove the other from the folder or from inputs.measures)',
        hintDifferent: 'keep one edition: remove the older file, or mark the newer figures r (revised) in the status column so that they replace the older ones',
      }),
    );
  }
  for (const pairs of replaced.values()) {
    const { revised, old } = pairs[0]!;
    warn({
      message:
        `revised figures replace earlier ones: ${pairs.length} row${pairs.length === 1 ? '' : 's'} marked r (revised) in ${revised.source.file} replace${pairs.length === 1 ? 's' : ''} the provisional or unmarked row${pairs.length === 1 ? '' : 's'} for the same indicator, area and period in ${old.source.file}` +
        ` (first: line ${revised.source.line} replaces line ${old.source.line}, ${revised.indicator} for ${revised.areaCode} from ${revised.periodStart} to ${revised.periodEnd})`,
      file: revised.source.file,
      line: revised.source.line,
      hint: `the revised figures are used and the documents say so; remove the earlier edition (${old.source.file}) to silence this warning`,
    });
  }
  return dropped.size === 0 ? rows : rows.filter((r) => !dropped.has(r));
}

// ---------------------------------------------------------------------------------------------------------------
// Mismatches between the config and the data

/** What the mismatch checks need of a workspace (the Workspace type lives in ./workspace.ts, which imports this). */
export interface AssemblyView {
  config: Config;
  police: PoliceUkData | undefined;
  measures: readonly MeasureRow[];
  scores: readonly ScoreRow[];
}

/** Areas of the measures, closest to the configured area first (by name, then by code), as "Name (code)". */
function areasClosestFirst(measures: readonly MeasureRow[], area: { name: string; code: string }, limit = 8): string[] {
  const names = new Map<string, string>();
  for (const m of measures) if (!names.has(m.areaCode)) names.set(m.areaCode, m.areaName);
  const name = area.name.toLowerCase();
  const ranked = [...names]
    .map(([code, n]) => ({ code, n, d: distance(n.toLowerCase(), name), c: distance(code, area.code) }))
    .sort((a, b) => a.d - b.d || a.c - b.c || a.code.localeCompare(b.code));
  const shown = ranked.slice(0, limit).map((x) => `${x.n} (${x.code})`);
  if (ranked.length > limit) shown.push(`and ${ranked.length - limit} more`);
  return shown;
}

/** Known ids closest to `id` first (edit distance), at most `limit`. */
function closestIds(id: string, known: Iterable<string>, limit = 8): string[] {
  return [...known].sort((a, b) => distance(a, id) - distance(b, id) || a.localeCompare(b)).slice(0, limit);
}

/**
 * Warnings for mismatches between the config and the data, each naming the alternatives found.
 *
 * @param known  every indicator id with data in some input (measures ids, and police.uk ids when there are police.uk data)
 */
export function mismatchWarnings(ws: AssemblyView, known: ReadonlySet<string>): Warning[] {
  const out: Warning[] = [];
  const { config } = ws;
  const area = config.area;

  // Measures with no rows for the area's code: usually a code from another edition of the geography or a typo.
  const forArea = new Set(ws.measures.filter((m) => m.areaCode === area.code).map((m) => m.indicator));
  if (ws.measures.length > 0 && forArea.size === 0) {
    out.push({
      message: `the measures have no rows for ${area.name} (${area.code}): the areas they cover are ${areasClosestFirst(ws.measures, area).join(', ')}`,
      keyPath: 'area.code',
      hint: `set area.code to the code the measures use for ${area.name}, or export the measures for ${area.code}`,
    });
  }

  // Configured indicators without data: did you mean, over the ids that have data.
  const referenced = new Map<string, string>();
  config.indicators.forEach((d, i) => referenced.set(d.id, `indicators[${i}].id`));
  config.strategicPriorities.forEach((p, i) => p.indicators.forEach((id, j) => referenced.set(id, `strategicPriorities[${i}].indicators[${j}]`)));
  config.priorities.candidates.forEach((c, i) => c.indicators.forEach((id, j) => referenced.set(id, `priorities.candidates[${i}].indicators[${j}]`)));
  for (const [id, keyPath] of referenced) {
    if (!known.has(id)) {
      const guess = didYouMean(id, [...known]);
      out.push({
        message: `indicator "${id}" has no data in any input${known.size > 0 ? `; indicators with data: ${closestIds(id, known).join(', ')}${known.size > 8 ? ', …' : ''}` : ''}`,
        keyPath,
        hint: guess ? `did you mean "${guess}"?` : 'add its rows to the measures, or remove the id from the config',
      });
      continue;
    }
    // In the measures, but only for other areas.
    const rows = ws.measures.filter((m) => m.indicator === id);
    if (rows.length > 0 && !forArea.has(id) && forArea.size > 0 && !isPoliceId(id, ws)) {
      out.push({
        message: `indicator "${id}" has rows in the measures only for other areas (${areasClosestFirst(rows, area).join(', ')}): none for ${area.name} (${area.code})`,
        keyPath,
        hint: `add the rows for ${area.code}, or check the area_code the export uses`,
      });
    }
  }

  // Workshop scores for candidates or criteria the config does not have: the scoring ignores them.
  const candidates = config.priorities.candidates.map((c) => c.id);
  const weighted = new Set(config.priorities.criteria.map((c) => c.id as string));
  const firstRow = new Map<string, { row: ScoreRow; n: number }>();
  for (const r of ws.scores) {
    const keys = [candidates.includes(r.candidate) ? undefined : `candidate\u0000${r.candidate}`, weighted.has(r.criterion) ? undefined : `criterion\u0000${r.criterion}`];
    for (const k of keys) {
      if (!k) continue;
      const seen = firstRow.get(k);
      if (seen) seen.n++;
      else firstRow.set(k, { row: r, n: 1 });
    }
  }
  for (const [k, { row, n }] of firstRow) {
    const [kind, value] = k.split('\u0000') as ['candidate' | 'criterion', string];
    const rows = `${n} score${n === 1 ? '' : 's'}`;
    if (kind === 'candidate') {
      const guess = didYouMean(value, candidates);
      out.push({
        message: `${rows} for "${value}", which is not a candidate in priorities.candidates: ignored; the candidates are ${candidates.length ? candidates.join(', ') : '(none)'}`,
        file: row.source.file,
        line: row.source.line,
        hint: guess ? `did you mean "${guess}"? the candidate column holds the id of priorities.candidates` : 'use the id of a candidate in priorities.candidates, or add the candidate to the config',
      });
    } else {
      out.push({
        message: `${rows} for the criterion "${value}", which priorities.criteria does not weight: ignored; the weighted criteria are ${[...weighted].join(', ') || '(none)'}`,
        file: row.source.file,
        line: row.source.line,
        hint: `add { id: ${value}, weight: 1 } to priorities.criteria, or remove these rows`,
      });
    }
  }
  return out;
}

/** police.uk ids (counted from the street files, not the measures) when there are police.uk data. */
function isPoliceId(id: string, ws: AssemblyView): boolean {
  return !!ws.police && (id === 'anti-social-behaviour' || id.startsWith('recorded-crime.'));
}

/**
 * The error when nothing at all can be produced for the area: no police.uk row falls in it and no measures row has
 * its code (with data in those inputs for other areas). Undefined when something can.
 */
export function nothingForArea(ws: AssemblyView): Problem | undefined {
  const { area } = ws.config;
  const policeRows = ws.police?.tally.rows ?? 0;
  const policeInArea = ws.police?.tally.inArea ?? 0;
  if (policeInArea > 0 || ws.measures.some((m) => m.areaCode === area.code)) return undefined;
  if (policeRows === 0 && ws.measures.length === 0) return undefined;
  const found: string[] = [];
  if (policeRows > 0) found.push(`${policeRows.toLocaleString('en-GB')} police.uk rows, none in ${area.name}`);
  if (ws.measures.length > 0) found.push(`measures for ${areasClosestFirst(ws.measures, area).join(', ')}`);
  return {
    message: `nothing can be produced for ${area.name} (${area.code}): no input has a row for the area`,
    keyPath: 'area',
    expected: `police.uk rows in ${area.name}${ws.config.area.lsoaCodes ? ' (area.lsoaCodes)' : ` (LSOA names starting "${area.lsoaNamePrefix ?? area.name} ")`}, or measures rows with area_code ${area.code}`,
    found: found.join('; '),
    hint: 'check area.name, area.code and area.lsoaNamePrefix against the files (the warnings above list what they hold), or add the files for the area',
  };
}
