/**
 * The assessment's stop-and-search section: the searches of the document's year (read by the pipeline into
 * `ws.stopSearch`), placed in the partnership by point-in-polygon against its LSOA (else ward) boundaries when the
 * geography folder gives them, else reported for the whole force; summarised by ./stop-search.ts against the
 * Census 2021 residents by ethnic group (inputs.ethnicity).
 */
import { geoBounds, geoContains } from 'd3-geo';
import type { Workspace } from '../ingest/workspace.js';
import type { StopSearch } from '../ingest/formats/stop-search.js';
import type { StopSearchSection } from '../model/contract.js';
import type { AreaFeature } from '../model/places.js';
import { rewind } from './places/geometry.js';
import { toPeriod } from './indicator.js';
import { financialYear } from './periods.js';
import { ETHNIC_GROUPS, summariseStopSearch, type EthnicGroup, type StopSearchSummary } from './stop-search.js';

type Box = [[number, number], [number, number]];

/** A point-in-area test over the features: d3-geo's spherical geoContains (rings rewound for d3), after a bounding-box test. */
export function areaContains(features: readonly AreaFeature[]): (lon: number, lat: number) => boolean {
  const shapes = features.map((f) => {
    const feature = { type: 'Feature' as const, properties: {}, geometry: rewind(f.geometry) };
    return { feature, box: geoBounds(feature) as Box };
  });
  return (lon, lat) => shapes.some(({ feature, box }) => lon >= box[0][0] && lon <= box[1][0] && lat >= box[0][1] && lat <= box[1][1] && geoContains(feature, [lon, lat]));
}

/** The searches in the area (with coordinates inside the boundaries), and how many had none or fell outside. */
export function placeSearches(rows: readonly StopSearch[], inside: (lon: number, lat: number) => boolean): { rows: StopSearch[]; noLocation: number; outside: number } {
  const kept: StopSearch[] = [];
  let noLocation = 0;
  let outside = 0;
  for (const r of rows) {
    if (r.latitude === null || r.longitude === null) noLocation++;
    else if (inside(r.longitude, r.latitude)) kept.push(r);
    else outside++;
  }
  return { rows: kept, noLocation, outside };
}

/** The area's residents by broad group: its own row (a local-authority file), else the sum over its LSOAs. */
export function areaEthnicity(ws: Workspace, lsoas: ReadonlySet<string>): Partial<Record<EthnicGroup, number>> | undefined {
  const rows = ws.ethnicity ?? [];
  const own = rows.filter((r) => r.code === ws.config.area.code);
  const use = own.length > 0 ? own.slice(0, 1) : rows.filter((r) => lsoas.has(r.code));
  if (use.length === 0) return undefined;
  return Object.fromEntries(ETHNIC_GROUPS.map((g) => [g, use.reduce((s, r) => s + r[g], 0)]));
}

/** The area's LSOAs, as the other chapters know them: the police.uk data's, the ward lookup's and the boundaries'. */
function areaLsoas(ws: Workspace): Set<string> {
  const out = new Set<string>(ws.police ? ws.police.byLsoa.keys() : []);
  for (const code of ws.places?.lookup.keys() ?? []) out.add(code);
  for (const f of ws.places?.lsoaBoundaries?.features ?? []) out.add(f.code);
  return out;
}

const n = (x: number) => x.toLocaleString('en-GB');
const small = (x: number, threshold: number) => x > 0 && x < threshold;

/** Where the searches were placed, and the notes that say how. */
function placed(ws: Workspace, rows: readonly StopSearch[], force: string): { level: 'partnership' | 'force'; rows: readonly StopSearch[]; noLocation: number; notes: string[] } {
  const area = ws.config.area.name;
  const bounds = ws.places?.lsoaBoundaries ?? ws.places?.wardBoundaries;
  if (!bounds || bounds.features.length === 0) {
    const noLocation = rows.filter((r) => r.latitude === null || r.longitude === null).length;
    const notes = [`Stop and search is shown for the whole of ${force}: the files have no LSOA, and no boundaries were given to place the searches.`];
    if (noLocation > 0) notes.push(`${n(noLocation)} of the searches had no location.`);
    return { level: 'force', rows, noLocation, notes };
  }
  const got = placeSearches(rows, areaContains(bounds.features));
  const kind = bounds.kind === 'lsoa' ? 'LSOA' : 'ward';
  const notes = [`Searches are placed in ${area} by their coordinates, inside the ${kind} boundaries given (police.uk moves each point to a nearby anonymous map point, so a search near the boundary may be placed on the wrong side).`];
  if (got.outside > 0) notes.push(`${n(got.outside)} of ${force}'s searches with a location were outside ${area} and are left out.`);
  if (got.noLocation > 0) notes.push(`${n(got.noLocation)} searches had no location: they are counted for ${force} only, not for ${area}.`);
  return { level: 'partnership', rows: got.rows, noLocation: got.noLocation, notes };
}

const OFFICER_NOTE =
  'Officer-defined ethnicity (the ethnicity the officer recorded) has only four groups: White, Black, Asian and Other. It has no Mixed group, so Mixed residents are left out of that comparison.';

/** The officer-defined comparison: null when no search in the files has an officer-defined ethnicity. */
function officerSection(s: StopSearchSummary, searches: number, threshold: number): Pick<StopSearchSection, 'byOfficerEthnicity' | 'officerNotRecorded'> {
  const recorded = searches - s.officerNotRecorded;
  return {
    byOfficerEthnicity: recorded > 0 ? s.byOfficerEthnicity : null,
    officerNotRecorded: small(s.officerNotRecorded, threshold) ? null : s.officerNotRecorded,
  };
}

/** The stop-and-search section of the year starting in April of `startYear`; null without stop-and-search files. */
export function stopSearchOf(ws: Workspace, startYear: number): { stopSearch?: StopSearchSection | null } {
  const input = ws.stopSearch;
  if (!input) return ws.police ? { stopSearch: null } : {};
  if (input.files.length === 0) return { stopSearch: null };
  const threshold = ws.config.disclosure.threshold;
  const force = input.forces.join(' and ');
  const where = placed(ws, input.rows, force);
  const population = where.level === 'partnership' ? areaEthnicity(ws, areaLsoas(ws)) : undefined;
  const s = summariseStopSearch(where.rows, population ?? {}, threshold);
  const notes = [...where.notes];
  if (ws.ethnicity === undefined) notes.push('No Census 2021 ethnic group file (ONS TS021) was given: rates by ethnic group are left out.');
  else if (where.level === 'force') notes.push(`Rates by ethnic group need the residents of the area the searches are for; the Census file is used only when the searches are placed in ${ws.config.area.name}.`);
  else if (!population) notes.push(`The Census 2021 ethnic group file has no rows for ${ws.config.area.name} (${ws.config.area.code}) or its LSOAs: rates by ethnic group are left out.`);
  const officer = officerSection(s, where.rows.length, threshold);
  if (officer.byOfficerEthnicity && population) notes.push(OFFICER_NOTE);
  return {
    stopSearch: {
      level: where.level,
      force,
      period: toPeriod(financialYear(startYear)),
      searches: small(s.searches, threshold) ? null : s.searches,
      arrests: { count: s.arrests.count, share: s.arrests.value, ci95: s.arrests.ci95 },
      linked: { count: s.linked.count, share: s.linked.value, ci95: s.linked.ci95 },
      byEthnicity: s.byEthnicity,
      notStated: small(s.notStated, threshold) ? null : s.notStated,
      ...officer,
      noLocation: where.noLocation,
      notes,
    },
  };
}
