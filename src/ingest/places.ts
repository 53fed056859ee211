/**
 * Reads the geography folder (config `inputs.places`) for the area: CSV tables recognised by header
 * (./formats/places-tables.ts) and GeoJSON boundary files (./formats/boundaries.ts), keeping only what belongs to
 * the area. The area's LSOAs are those of the police.uk rows and, when the ward lookup is given, the lookup's rows
 * for the area's local-authority code; its wards are the lookup's wards of those LSOAs. Whatever is not given is
 * left out with a note (PlacesGeography.notes), never guessed.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileSummary, PoliceUkData } from '../model/data.js';
import type { BoundarySet, PlacesGeography } from '../model/places.js';
import { readBoundaries } from './formats/boundaries.js';
import { readPlacesTable, type PlacesTableRow } from './formats/places-tables.js';
import { readPlacePoints, type PointsInput } from './places-points.js';
import type { FormatReadOptions } from './formats/table-reader.js';

/** One area to read the geography for: its local-authority code, LSOA names and police.uk data. */
export interface PlacesArea {
  areaCode: string;
  /** Names the area's LSOAs are published under ("Castlebridge 001A"), when neither police.uk nor a lookup says. */
  areaNames: string[];
  police: PoliceUkData | undefined;
}

/** How the files are read: reader options, problems kept (the workspace's InputReader.attempt), summaries. */
export interface PlacesReadIo {
  options: (file: string) => FormatReadOptions;
  /** Runs a reader, keeping its problems (the workspace's InputReader.attempt). */
  attempt: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
  summaries: FileSummary[];
}

/** What the loader needs from the workspace reader for one area. */
export type PlacesReadContext = PlacesArea & PlacesReadIo;

/** Every .csv, .tsv, .geojson and .json file under `path` (a file or a folder), sorted. */
export async function placesFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const out: string[] = [];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...(await placesFiles(p)));
    else if (/\.(csv|tsv|geojson|json)$/i.test(e.name)) out.push(p);
  }
  return out;
}

const isGeoJson = (f: string) => /\.(geojson|json)$/i.test(f);

/** Read the geography inputs for the area. */
export async function readPlaces(files: readonly string[], cx: PlacesReadContext): Promise<PlacesGeography> {
  return (await readPlacesForAreas(files, [cx], cx))[0]!;
}

/**
 * Read the geography inputs for several areas in one pass over the files (a batch, --all-areas): the tables are
 * read once and each area takes its rows; each boundary file is streamed once, keeping the features of any of the
 * areas, which are then shared out. Each area gets what a read for it alone gives (same features, same order).
 */
export async function readPlacesForAreas(files: readonly string[], areas: readonly PlacesArea[], io: PlacesReadIo): Promise<PlacesGeography[]> {
  const rows: PlacesTableRow[] = [];
  for (const file of files.filter((f) => !isGeoJson(f))) {
    const got = await io.attempt(() => readPlacesTable(file, io.options(file)));
    if (got) {
      for (const r of got.rows) rows.push(r);
      io.summaries.push(got.summary);
    }
  }
  const geos = areas.map((a) => tablesForArea(rows, a));
  const keepers = areas.map((a, i) => featureFilter(geos[i]!, a));
  for (const file of files.filter(isGeoJson)) {
    const keep = (kind: 'lsoa' | 'ward', code: string, name: string) => keepers.some((k) => k(kind, code, name));
    const set = await io.attempt(() => readBoundaries(file, { displayPath: io.options(file).displayPath ?? file, keep }));
    if (!set) continue;
    const whose = areas.length === 1 ? 'the area' : `the ${areas.length} areas`;
    io.summaries.push({ file: set.file, kind: 'places', rows: set.read, note: `${set.kind === 'lsoa' ? 'LSOA' : 'ward'} boundaries (${set.codeProperty}): ${set.features.length} of ${set.read} features for ${whose}` });
    geos.forEach((geo, i) => {
      const own: BoundarySet = areas.length === 1 ? set : { ...set, features: set.features.filter((f) => keepers[i]!(set.kind, f.code, f.name)) };
      if (set.kind === 'lsoa') geo.lsoaBoundaries = largest(geo.lsoaBoundaries, own);
      else geo.wardBoundaries = largest(geo.wardBoundaries, own);
    });
  }
  for (const geo of geos) geo.notes.push(...missingNotes(geo));
  return geos;
}

/** Which boundary features are the area's: its wards (lookup), its LSOAs (lookup and police.uk), else by LSOA name. */
function featureFilter(geo: PlacesGeography, area: PlacesArea): (kind: 'lsoa' | 'ward', code: string, name: string) => boolean {
  const wards = new Set([...geo.lookup.values()].map((w) => w.ward));
  const lsoas = areaLsoas(geo, area);
  const prefix = new RegExp(`^(${area.areaNames.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}) \\d{3}[A-Z]$`);
  return (kind, code, name) => (kind === 'ward' ? wards.has(code) : lsoas.size > 0 ? lsoas.has(code) : prefix.test(name));
}

/** Of two boundary files of a kind, the one with more of the area's features. */
function largest(a: BoundarySet | undefined, b: BoundarySet): BoundarySet {
  return a && a.features.length >= b.features.length ? a : b;
}

/** The area's LSOAs: the lookup's and the police.uk data's. */
function areaLsoas(geo: PlacesGeography, cx: PlacesArea): Set<string> {
  const out = new Set(geo.lookup.keys());
  if (cx.police) for (const code of cx.police.byLsoa.keys()) out.add(code);
  return out;
}

/** The table rows that concern the area: lookup rows of its local authority or its LSOAs, and their deciles and populations. */
function tablesForArea(rows: readonly PlacesTableRow[], cx: PlacesArea): PlacesGeography {
  const police = cx.police ? new Set(cx.police.byLsoa.keys()) : new Set<string>();
  const geo: PlacesGeography = { lookup: new Map(), deprivation: new Map(), lsoaPopulation: new Map(), notes: [] };
  for (const r of rows) {
    if (r.kind === 'ward-lookup' && (r.lad === cx.areaCode || police.has(r.lsoa))) geo.lookup.set(r.lsoa, { ward: r.ward, wardName: r.wardName, lad: r.lad, ladName: r.ladName });
  }
  const lsoas = new Set([...geo.lookup.keys(), ...police]);
  for (const r of rows) {
    if (r.kind === 'lsoa-population' && lsoas.has(r.lsoa)) geo.lsoaPopulation.set(r.lsoa, r.population);
    if ((r.kind === 'imd' || r.kind === 'wimd') && lsoas.has(r.lsoa)) {
      geo.deprivation.set(r.lsoa, r.decile);
      geo.deprivationSource = r.kind === 'imd' ? 'English Indices of Deprivation 2019' : 'Welsh Index of Multiple Deprivation 2019';
    }
  }
  return geo;
}

/** Notes for what is missing, each saying what is left out because of it. */
function missingNotes(geo: PlacesGeography): string[] {
  const notes: string[] = [];
  if (geo.lookup.size === 0) notes.push('No LSOA to ward lookup (ONS) was given for the area: the ward table, the funnel plot and the ward map are left out.');
  if (geo.lsoaPopulation.size === 0) notes.push('No LSOA population estimates (ONS) were given: rates by ward and by deprivation decile are left out.');
  if (geo.deprivation.size === 0) notes.push('No deprivation file (English Indices of Deprivation 2019 or WIMD 2019) was given for the area: crime by deprivation decile is left out.');
  if (!geo.wardBoundaries) notes.push('No ward boundary file (ONS) with the area\'s wards was given: the ward map is left out.');
  if (!geo.lsoaBoundaries) notes.push('No LSOA boundary file (ONS) with the area\'s LSOAs was given: the hotspot map is drawn without the LSOA outlines.');
  return notes;
}

/**
 * Add the area's located police.uk rows of `months` to the geography (for the hotspot map and the attractor list).
 * Read only when a document draws the chapter; nothing when there is no geography or no police.uk input.
 */
export async function addPlacePoints(places: PlacesGeography | undefined, police: PoliceUkData | undefined, input: PointsInput | undefined, months: readonly string[]): Promise<void> {
  if (!places || !police || !input) return;
  places.points = await readPlacePoints(input, new Set(police.byLsoa.keys()), months);
}
