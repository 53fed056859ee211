/**
 * The area's located police.uk rows for the months of a document: coordinates and crime type for the hotspot map,
 * "On or near …" locations for the attractor list. The main readers (./formats/police-uk.ts) count rows and keep no
 * coordinates; this second, narrower read runs only when the chapter is drawn, and only over the street files of
 * the months asked for (bulk-download files are named YYYY-MM-force-street.csv; other files are read whole and
 * filtered by their Month column). Rows were checked when the workspace was loaded; a row that does not parse here
 * is skipped. Crime IDs seen twice count once, as in the main readers.
 */
import { basename } from 'node:path';
import { CRIME_TYPES } from '../model/data.js';
import type { PlacePoints } from '../model/places.js';
import { readCsvRows, type Encoding } from './csv.js';
import { matchHeader, MAX_TITLE_ROWS, type ColumnIndex } from './header.js';
import { COLUMNS, expandPaths } from './formats/police-uk-core.js';

const TYPE_INDEX = new Map<string, number>(CRIME_TYPES.map((t, i) => [t.toLowerCase(), i]));
const FILE_MONTH = /^(\d{4}-\d{2})-.*street\.csv$/i;

/** Growable columns of the points, turned into typed arrays at the end. */
class PointsBuilder {
  lon: number[] = [];
  lat: number[] = [];
  type: number[] = [];
  location: number[] = [];
  readonly keys = new Map<string, number>();
  readonly ids = new Set<string>();

  add(lon: number, lat: number, type: number, key: string): void {
    let k = this.keys.get(key);
    if (k === undefined) this.keys.set(key, (k = this.keys.size));
    this.lon.push(lon);
    this.lat.push(lat);
    this.type.push(type);
    this.location.push(k);
  }

  finish(months: string[]): PlacePoints {
    return {
      lon: Float64Array.from(this.lon),
      lat: Float64Array.from(this.lat),
      type: Uint8Array.from(this.type),
      location: Uint32Array.from(this.location),
      locations: [...this.keys.keys()],
      months,
    };
  }
}

export interface PointsInput {
  paths: string[];
  encoding: Encoding;
  displayBase: string;
}

/** Read the points of `lsoas` in `months` from the police.uk files. */
export async function readPlacePoints(input: PointsInput, lsoas: ReadonlySet<string>, months: readonly string[]): Promise<PlacePoints> {
  return (await readPlacePointsForAreas(input, [lsoas], months))[0]!;
}

/**
 * The points of several areas (each a set of LSOAs) from one read of the street files (a batch, --all-areas): each
 * area gets what a read for it alone gives (its own rows in file order, Crime IDs de-duplicated within it).
 */
export async function readPlacePointsForAreas(input: PointsInput, areas: readonly ReadonlySet<string>[], months: readonly string[]): Promise<PlacePoints[]> {
  const wanted = new Set(months);
  const builders = areas.map(() => new PointsBuilder());
  const owners = new Map<string, PointsBuilder[]>();
  areas.forEach((lsoas, i) => {
    for (const l of lsoas) owners.set(l, [...(owners.get(l) ?? []), builders[i]!]);
  });
  for (const file of await expandPaths(input.paths, input.displayBase)) {
    const m = FILE_MONTH.exec(basename(file));
    if (m && !wanted.has(m[1]!)) continue;
    await readFilePoints(file, input.encoding, owners, wanted);
  }
  return builders.map((b) => b.finish([...months]));
}

/** One street file's rows in the areas and months; a file that is not a street file adds nothing. */
async function readFilePoints(file: string, encoding: Encoding, owners: ReadonlyMap<string, PointsBuilder[]>, months: ReadonlySet<string>): Promise<void> {
  let index: ColumnIndex | undefined;
  let seen = 0;
  for await (const row of readCsvRows(file, { encoding })) {
    const f = row.fields;
    if (!index) {
      const got = matchHeader(f, COLUMNS);
      if (got.missing.length === 0 && got.index['Longitude'] !== undefined && got.index['Location'] !== undefined) index = got.index;
      else if (++seen > MAX_TITLE_ROWS) return;
      continue;
    }
    const lsoa = f[index['LSOA code']!] ?? '';
    const to = owners.get(lsoa);
    if (!to || !months.has(f[index['Month']!] ?? '')) continue;
    const lon = Number(f[index['Longitude']!]);
    const lat = Number(f[index['Latitude']!]);
    const type = TYPE_INDEX.get((f[index['Crime type']!] ?? '').toLowerCase());
    const id = f[index['Crime ID']!] ?? '';
    if (type === undefined || !Number.isFinite(lon) || !Number.isFinite(lat) || f[index['Longitude']!] === '') continue;
    for (const b of to) {
      if (id !== '') {
        if (b.ids.has(id)) continue;
        b.ids.add(id);
      }
      b.add(lon, lat, type, `${lsoa}\t${f[index['Location']!] ?? ''}`);
    }
  }
}
