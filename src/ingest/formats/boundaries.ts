/**
 * ONS boundary files (GeoJSON FeatureCollections from the Open Geography Portal, e.g. "Lower layer Super Output
 * Areas (December 2021) Boundaries EW BGC" or "Wards (May 2023) Boundaries UK BGC"), recognised by their properties:
 * LSOA21CD/LSOA21NM or LSOA11CD/LSOA11NM for LSOAs, WDyyCD/WDyyNM (any year) for wards.
 *
 * A file for all of England and Wales is large (about 35,000 LSOA polygons): it is read as a stream (stream-json),
 * one feature at a time, and only the area's features are kept, so memory follows the area, not the file.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import StreamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import { ExitCode, SwpError, showFound, type Problem } from '../../model/errors.js';
import type { AreaFeature, AreaGeometry, BoundarySet } from '../../model/places.js';

export const FORMAT_NAME = 'ONS boundary file (GeoJSON FeatureCollection)';

const LSOA_CODE = /^LSOA(11|21)CD$/i;
const WARD_CODE = /^WD(\d{2})CD$/i;

interface Recognised {
  kind: 'lsoa' | 'ward';
  code: string;
  name: string;
}

const HINT =
  'download the boundaries as GeoJSON from the ONS Open Geography Portal (e.g. "LSOA (Dec 2021) Boundaries EW BGC" or "Wards (May 2023) Boundaries UK BGC"); its features carry LSOA21CD/LSOA21NM or WD23CD/WD23NM';

/** Which kind of boundary a feature's properties name, and the code and name properties. */
export function recogniseProperties(keys: readonly string[]): Recognised | undefined {
  for (const [re, kind] of [[LSOA_CODE, 'lsoa'], [WARD_CODE, 'ward']] as const) {
    const code = keys.find((k) => re.test(k));
    if (!code) continue;
    const wanted = code.slice(0, -2).toLowerCase() + 'nm';
    const name = keys.find((k) => k.toLowerCase() === wanted);
    if (name) return { kind, code, name };
  }
  return undefined;
}

/** A located problem in a boundary file (features have no lines worth naming: the feature number is given). */
function problem(file: string, index: number, p: Omit<Problem, 'file'>): SwpError {
  return new SwpError(ExitCode.INPUT, { file, ...p, message: `feature ${index + 1}: ${p.message}` });
}

/** Check a feature's geometry: a Polygon or MultiPolygon in longitude/latitude (WGS84). */
function geometryOf(file: string, index: number, raw: unknown): AreaGeometry {
  const g = raw as { type?: unknown; coordinates?: unknown } | null;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
    throw problem(file, index, { message: 'the geometry is not a Polygon or MultiPolygon', expected: 'a Polygon or MultiPolygon geometry', found: showFound(String(g?.type ?? 'null')), hint: HINT });
  }
  let first: unknown = g.coordinates;
  while (Array.isArray(first) && Array.isArray(first[0])) first = first[0];
  const [x, y] = (Array.isArray(first) ? first : []) as number[];
  if (typeof x !== 'number' || typeof y !== 'number' || Math.abs(x) > 180 || Math.abs(y) > 90) {
    throw problem(file, index, {
      message: 'the coordinates are not longitude and latitude',
      expected: 'GeoJSON coordinates in WGS84 degrees, e.g. [-1.84, 52.78]',
      found: showFound(JSON.stringify(first ?? null)),
      hint: 'the file may be in British National Grid metres (EPSG:27700): download the GeoJSON from the Open Geography Portal, which is in WGS84, or convert it (ogr2ogr -t_srs EPSG:4326)',
    });
  }
  return g as AreaGeometry;
}

export interface BoundaryReadOptions {
  displayPath?: string;
  /** Keep this feature? Called with the kind of file and the feature's code and name. */
  keep: (kind: 'lsoa' | 'ward', code: string, name: string) => boolean;
}

/** Read an ONS GeoJSON boundary file as a stream, keeping only the features `keep` accepts. */
export async function readBoundaries(path: string, options: BoundaryReadOptions): Promise<BoundarySet> {
  const file = options.displayPath ?? path;
  let recognised: Recognised | undefined;
  const features: AreaFeature[] = [];
  let read = 0;
  const sink = new Writable({
    objectMode: true,
    write(item: { value: { properties?: Record<string, unknown>; geometry?: unknown } }, _enc, done) {
      try {
        const props = item.value?.properties ?? {};
        recognised ??= recogniseOrFail(file, read, Object.keys(props));
        const code = String(props[recognised.code] ?? '').trim();
        const name = String(props[recognised.name] ?? '').trim();
        if (options.keep(recognised.kind, code, name)) features.push({ code, name, geometry: geometryOf(file, read, item.value.geometry) });
        read++;
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  try {
    // Packed values only (no per-character token streams): about twice as fast on large files (stream-json README, "Performance").
    await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), StreamJson.parser({ streamValues: false }), Pick.pick({ filter: 'features' }), StreamArray.streamArray(), sink);
  } catch (e) {
    if (e instanceof SwpError) throw e;
    throw new SwpError(ExitCode.INPUT, { message: 'the boundary file is not valid JSON', file, found: showFound((e as Error).message), expected: 'a GeoJSON FeatureCollection', hint: HINT });
  }
  if (!recognised) {
    throw new SwpError(ExitCode.INPUT, { message: 'no features: the file is not a GeoJSON FeatureCollection with features', file, expected: '{"type": "FeatureCollection", "features": [ … ]}', hint: HINT });
  }
  return { kind: recognised.kind, codeProperty: recognised.code, file, features, read };
}

function recogniseOrFail(file: string, index: number, keys: string[]): Recognised {
  const r = recogniseProperties(keys);
  if (r) return r;
  throw problem(file, index, {
    message: 'the properties name no LSOA or ward code',
    expected: 'properties LSOA21CD and LSOA21NM, LSOA11CD and LSOA11NM, or WDyyCD and WDyyNM (e.g. WD23CD, WD23NM)',
    found: showFound(keys.join(', ') || 'no properties'),
    hint: HINT,
  });
}
