/**
 * Checks on the Home Office CSP table across files, and the one way swp matches an area name against the table.
 *
 * - Area names: ONS writes "Bristol, City of" and "Herefordshire, County of", the Home Office "Bristol" and
 *   "Herefordshire"; editions differ in case, "&" or "and", punctuation and spaces. `areaKey` makes these the same;
 *   `HomeOfficeNames` finds a name in the table and suggests the closest ones when it is not there. The ingest
 *   checks, the analysis (sources.ts) and the indicator comparisons all use these, so they cannot disagree.
 * - Overlaps: the same financial year, quarter, CSP and offence in two files (two editions of the table kept side by
 *   side) would be counted twice. That is an error naming both files and lines: which edition to keep is the
 *   analyst's decision (a later edition revises earlier figures), and swp must not guess it silently.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { HomeOfficeRow } from '../model/data.js';
import type { Problem, Warning } from '../model/errors.js';
import type { Config } from '../model/config.js';

/**
 * The comparison form of an area name: lower case, accents dropped, "&" as "and", apostrophes dropped, other
 * punctuation and repeated spaces as one space, and the ONS forms "X, City of", "City of X", "X, County of" and
 * "County of X" as "X".
 */
export function areaKey(name: string): string {
  // A national table has ~300 names on ~1 million rows: each name is worked out once.
  let key = AREA_KEYS.get(name);
  if (key === undefined) {
    key = computeAreaKey(name);
    if (AREA_KEYS.size < 100_000) AREA_KEYS.set(name, key);
  }
  return key;
}
const AREA_KEYS = new Map<string, string>();

function computeAreaKey(name: string): string {
  let s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^(.+?)\s*,\s*(city|county) of$/, '$1').replace(/^(city|county) of\s+(.+)$/, '$2');
  return s.replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Whether two area names are the same area (see `areaKey`). */
export function sameArea(a: string, b: string): boolean {
  return areaKey(a) === areaKey(b);
}

/** The CSP names of a Home Office table, found by `areaKey`, with suggestions for names that are not there. */
export class HomeOfficeNames {
  /** areaKey → the name as the table spells it (the first spelling met). */
  private readonly byKey = new Map<string, string>();

  constructor(rows: readonly HomeOfficeRow[]) {
    for (const r of rows) {
      const k = areaKey(r.cspName);
      if (!this.byKey.has(k)) this.byKey.set(k, r.cspName);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The table's spelling of a name, or undefined when the table has no such CSP. */
  find(name: string): string | undefined {
    return this.byKey.get(areaKey(name));
  }

  /** A close name when the given one looks like a typo of it (as the config's "did you mean"). */
  didYouMean(name: string): string | undefined {
    const key = areaKey(name);
    const keys = [...this.byKey.keys()];
    if (keys.length === 0 || key === '') return undefined;
    const best = closest(key, keys);
    return distance(key, best) <= Math.max(2, Math.floor(key.length / 3)) ? this.byKey.get(best) : undefined;
  }

  /** The `n` names closest to the given one (by edit distance, then alphabetically). */
  nearest(name: string, n = 5): string[] {
    const key = areaKey(name);
    return [...this.byKey]
      .map(([k, v]) => ({ v, d: distance(key, k) }))
      .sort((a, b) => a.d - b.d || a.v.localeCompare(b.v))
      .slice(0, n)
      .map((x) => x.v);
  }
}

/** The offence of a row for overlap checks: its code when it has one, else its description. */
export function offenceIdentity(row: Pick<HomeOfficeRow, 'offenceCode' | 'offenceDescription'>): string {
  return row.offenceCode.trim() !== '' ? `code ${row.offenceCode.trim().toLowerCase()}` : `description ${row.offenceDescription.toLowerCase()}`;
}

const describeRow = (r: HomeOfficeRow) =>
  `${r.financialYear}${r.quarter === null ? ' (whole year)' : ` Q${r.quarter}`} "${r.offenceDescription}"${r.offenceCode ? ` (${r.offenceCode})` : ''} for ${r.cspName}`;

/**
 * Rows of two files that give the same financial year, quarter, CSP and offence (an annual row overlaps every
 * quarter of its year): one error per pair of files, naming both files and the first pair of lines, with the number
 * of overlapping rows. Rows within one file are checked by the reader.
 */
export function homeOfficeOverlaps(rows: readonly HomeOfficeRow[]): Problem[] {
  // year|csp|offence → rows (few per key: one per quarter per file).
  const byKey = new Map<string, HomeOfficeRow[]>();
  for (const r of rows) {
    const k = `${r.financialYear}|${areaKey(r.cspName)}|${offenceIdentity(r)}`;
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  const pairs = new Map<string, { first: HomeOfficeRow; second: HomeOfficeRow; count: number }>();
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.source.file === b.source.file) continue;
        if (a.quarter !== null && b.quarter !== null && a.quarter !== b.quarter) continue;
        const pk = `${a.source.file}\u0000${b.source.file}`;
        const seen = pairs.get(pk);
        if (seen) seen.count++;
        else pairs.set(pk, { first: a, second: b, count: 1 });
      }
    }
  }
  return [...pairs.values()].map(({ first, second, count }) => ({
    message: `the Home Office table is given twice: ${first.source.file} line ${first.source.line} and ${second.source.file} line ${second.source.line} both give ${describeRow(second)}${
      count > 1 ? ` (${count.toLocaleString('en-GB')} rows of these two files overlap)` : ''
    }`,
    file: second.source.file,
    line: second.source.line,
    expected: 'each financial year, quarter, CSP and offence in one file only',
    found: `the same figures in ${first.source.file} (line ${first.source.line}) and ${second.source.file} (line ${second.source.line})`,
    hint: 'two editions of the table are probably kept side by side: keep one edition (the latest revises the earlier figures) and remove the other from inputs.homeOffice or its folder',
  }));
}

/** "did you mean" and the nearest names, for a warning. */
function alternatives(names: HomeOfficeNames, name: string): string {
  const guess = names.didYouMean(name);
  const near = names.nearest(name).map((n) => `"${n}"`).join(', ');
  return `${guess ? `did you mean "${guess}"? ` : ''}the nearest names in the table are ${near}`;
}

/**
 * The partnership (area.cspName, else area.name) and every peer must be in the table, or its comparisons cannot be
 * made: a warning for each that is not, naming the alternatives. Peers given as area codes are looked up by the
 * name the population or measures files give that code.
 */
export function homeOfficeNameWarnings(config: Config, rows: readonly HomeOfficeRow[], nameOfCode: (code: string) => string | undefined): Warning[] {
  if (rows.length === 0) return [];
  const names = new HomeOfficeNames(rows);
  const out: Warning[] = [];
  const ours = config.area.cspName ?? config.area.name;
  if (!names.find(ours)) {
    out.push({
      message: `the partnership "${ours}" is not in the Home Office CSP table, so it cannot be compared with its most similar group or its police force area: ${alternatives(names, ours)}; set area.cspName to the name the table uses`,
      keyPath: config.area.cspName !== undefined ? 'area.cspName' : 'area.name',
    });
  }
  config.area.peers.forEach((peer, i) => {
    const isCode = /^[EWKNS]\d{8}$/.test(peer);
    const name = isCode ? nameOfCode(peer) : peer;
    if (name !== undefined && names.find(name)) return;
    const unnamed = isCode && name === undefined;
    const what = unnamed
      ? `peer ${peer} is not named in any population or measures file, so it cannot be found in the Home Office CSP table`
      : `peer ${isCode ? `${peer} (${name})` : `"${peer}"`} is not in the Home Office CSP table`;
    out.push({
      message: `${what}: it is left out of the most similar group comparison; ${unnamed ? 'give the peer by its CSP name instead' : alternatives(names, name ?? peer)}`,
      keyPath: `area.peers[${i}]`,
    });
  });
  return out;
}
