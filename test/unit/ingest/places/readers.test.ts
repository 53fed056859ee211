/**
 * The geography readers: each real layout (test/fixtures/real/places, headers as ONS, MHCLG and the Welsh
 * Government publish them) is recognised by its header, and bad input gives a located error.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoundaries } from '../../../../src/ingest/formats/boundaries.js';
import { readPlacesTable } from '../../../../src/ingest/formats/places-tables.js';
import { SwpError } from '../../../../src/model/errors.js';
import { ROOT, tempDir } from '../../../helpers.js';

const FIX = join(ROOT, 'test/fixtures/real/places');

async function problemsOf(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    if (e instanceof SwpError) return e.problems;
    throw e;
  }
  throw new Error('expected an SwpError');
}

describe('geography tables, recognised by header', () => {
  it('ONS LSOA21 → WD23 → LAD23 lookup', async () => {
    const got = await readPlacesTable(join(FIX, 'lsoa21-ward23-lad23-lookup.csv'), {});
    expect(got.kind).toBe('ward-lookup');
    expect(got.rows).toHaveLength(4);
    expect(got.rows[2]).toEqual({ kind: 'ward-lookup', lsoa: 'E01000003', ward: 'E05009289', wardName: 'Aldgate', lad: 'E09000001', ladName: 'City of London' });
  });

  it('IMD 2019 File 7: the IMD decile, not another domain\'s', async () => {
    const got = await readPlacesTable(join(FIX, 'imd2019-file7-excerpt.csv'), {});
    expect(got.kind).toBe('imd');
    expect(got.rows.map((r) => (r.kind === 'imd' ? r.decile : 0))).toEqual([9, 10, 5]);
  });

  it('WIMD 2019 ranks: the decile is the tenth of the rank among 1,909 LSOAs', async () => {
    const got = await readPlacesTable(join(FIX, 'wimd2019-ranks-excerpt.csv'), {});
    expect(got.kind).toBe('wimd');
    // ranks 1246, 1028, 453: ceil(rank × 10 / 1909) = 7, 6, 3.
    expect(got.rows.map((r) => (r.kind === 'wimd' ? r.decile : 0))).toEqual([7, 6, 3]);
  });

  it('ONS LSOA mid-year estimates (wide, single years of age): the Total column', async () => {
    const got = await readPlacesTable(join(FIX, 'sapelsoasyoa-2022-excerpt.csv'), {});
    expect(got.kind).toBe('lsoa-population');
    expect(got.rows.map((r) => (r.kind === 'lsoa-population' ? r.population : 0))).toEqual([1473, 1384, 1613]);
  });

  it('a decile out of range is located: file, line, column', async () => {
    const file = join(tempDir(), 'imd.csv');
    writeFileSync(file, '"LSOA code (2011)","Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"\nE01000001,3\nE01000002,11\n');
    const [p] = await problemsOf(() => readPlacesTable(file, { displayPath: 'imd.csv' }));
    expect(p).toMatchObject({ file: 'imd.csv', line: 3, column: 2 });
    expect(p!.message).toContain('out of range');
  });

  it('an unknown header names the layouts it looked for', async () => {
    const file = join(tempDir(), 'other.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const [p] = await problemsOf(() => readPlacesTable(file, { displayPath: 'other.csv' }));
    expect(p!.file).toBe('other.csv');
    expect(JSON.stringify(p)).toMatch(/LSOA21CD|LSOA code/);
  });
});

describe('ONS boundary GeoJSON', () => {
  it('keeps only the features asked for, with their code and name properties', async () => {
    const set = await readBoundaries(join(FIX, 'lsoa21-boundaries-bgc-excerpt.geojson'), { keep: (kind, code) => kind === 'lsoa' && code !== 'E01000002' });
    expect(set).toMatchObject({ kind: 'lsoa', codeProperty: 'LSOA21CD', read: 3 });
    expect(set.features.map((f) => [f.code, f.name, f.geometry.type])).toEqual([
      ['E01000001', 'City of London 001A', 'Polygon'],
      ['E01000003', 'City of London 001C', 'MultiPolygon'],
    ]);
  });

  it('ward files of any year (lower-case properties too) are recognised', async () => {
    const file = join(tempDir(), 'wards.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { wd17cd: 'E05000001', wd17nm: 'Abbey' }, geometry: { type: 'Polygon', coordinates: [[[0, 51], [0.01, 51], [0, 51.01], [0, 51]]] } }] }));
    const set = await readBoundaries(file, { keep: () => true });
    expect(set.kind).toBe('ward');
    expect(set.features[0]).toMatchObject({ code: 'E05000001', name: 'Abbey' });
  });

  it('British National Grid coordinates are refused with a hint, naming the feature', async () => {
    const file = join(tempDir(), 'bng.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { LSOA21CD: 'E01000001', LSOA21NM: 'X 001A' }, geometry: { type: 'Polygon', coordinates: [[[532123, 181632], [532200, 181632], [532123, 181700], [532123, 181632]]] } }] }));
    const [p] = await problemsOf(() => readBoundaries(file, { displayPath: 'bng.geojson', keep: () => true }));
    expect(p).toMatchObject({ file: 'bng.geojson' });
    expect(p!.message).toBe('feature 1: the coordinates are not longitude and latitude');
    expect(p!.hint).toContain('EPSG:27700');
  });

  it('properties without an LSOA or ward code, and broken JSON, are located errors', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { MSOA21CD: 'E02000001' }, geometry: null }] }));
    const [a] = await problemsOf(() => readBoundaries(join(dir, 'a.geojson'), { displayPath: 'a.geojson', keep: () => true }));
    expect(a!.message).toBe('feature 1: the properties name no LSOA or ward code');
    expect(a!.found).toContain('MSOA21CD');
    writeFileSync(join(dir, 'b.geojson'), '{"type": "FeatureCollection", "features": [ {"type": ');
    const [b] = await problemsOf(() => readBoundaries(join(dir, 'b.geojson'), { displayPath: 'b.geojson', keep: () => true }));
    expect(b).toMatchObject({ file: 'b.geojson', message: 'the boundary file is not valid JSON' });
  });
});
