/**
 * The geography folder: each input is optional, what is missing is left out with a note, and only the area's rows
 * and features are kept (by the lookup's local-authority code, or the area's LSOA names when there is no lookup).
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placesFiles, readPlaces, readPlacesForAreas, type PlacesReadContext } from '../../../../src/ingest/places.js';
import { ROOT, tempDir } from '../../../helpers.js';

const FIX = join(ROOT, 'test/fixtures/real/places');

function context(areaCode: string, names: string[]): PlacesReadContext {
  return { areaCode, areaNames: names, police: undefined, options: (f) => ({ displayPath: f }), attempt: (fn) => fn(), summaries: [] };
}

describe('the geography folder', () => {
  it('only a lookup: its rows for the area, and a note for each input not given', async () => {
    const dir = tempDir();
    copyFileSync(join(FIX, 'lsoa21-ward23-lad23-lookup.csv'), join(dir, 'lookup.csv'));
    writeFileSync(join(dir, 'other-la.csv'), 'LSOA21CD,LSOA21NM,WD23CD,WD23NM,LAD23CD,LAD23NM\nE01000006,Barking and Dagenham 016A,E05014053,Abbey,E09000002,Barking and Dagenham\n');
    const geo = await readPlaces(await placesFiles(dir), context('E09000001', ['City of London']));
    expect([...geo.lookup.keys()]).toEqual(['E01000001', 'E01000002', 'E01000003', 'E01000005']);
    expect(geo.notes.join(' ')).toMatch(/No LSOA population estimates/);
    expect(geo.notes.join(' ')).toMatch(/No deprivation file/);
    expect(geo.notes.join(' ')).toMatch(/No ward boundary file/);
    expect(geo.notes.join(' ')).not.toMatch(/No LSOA to ward lookup/);
  });

  it('every input: deciles, populations and boundaries of the area\'s LSOAs only', async () => {
    const geo = await readPlaces(await placesFiles(FIX), context('E09000001', ['City of London']));
    expect(geo.deprivation.get('E01000003')).toBe(5);
    expect(geo.lsoaPopulation.get('E01000002')).toBe(1384);
    expect(geo.lsoaBoundaries?.features.map((f) => f.code)).toEqual(['E01000001', 'E01000002', 'E01000003']);
    // The Welsh LSOAs of the WIMD excerpt are not the area's.
    expect(geo.deprivation.has('W01000001')).toBe(false);
  });

  it('no lookup: boundaries are kept by the area\'s LSOA names, and a note says the ward parts are left out', async () => {
    const dir = tempDir();
    copyFileSync(join(FIX, 'lsoa21-boundaries-bgc-excerpt.geojson'), join(dir, 'lsoa.geojson'));
    const geo = await readPlaces(await placesFiles(dir), context('E09000001', ['City of London']));
    expect(geo.lsoaBoundaries?.features).toHaveLength(3);
    expect(geo.notes.join(' ')).toMatch(/No LSOA to ward lookup/);
    const other = await readPlaces(await placesFiles(dir), context('E09000002', ['Barking and Dagenham']));
    expect(other.lsoaBoundaries?.features ?? []).toHaveLength(0);
  });

  it('a batch reads each file once for all its areas, and each area gets what a read for it alone gives', async () => {
    const dir = tempDir();
    copyFileSync(join(FIX, 'lsoa21-boundaries-bgc-excerpt.geojson'), join(dir, 'lsoa.geojson'));
    copyFileSync(join(FIX, 'lsoa21-ward23-lad23-lookup.csv'), join(dir, 'lookup.csv'));
    const files = await placesFiles(dir);
    let reads = 0;
    const io = { options: (f: string) => ({ displayPath: f }), attempt: <T>(fn: () => Promise<T>) => (reads++, fn()), summaries: [] };
    const areas = [
      { areaCode: 'E09000001', areaNames: ['City of London'], police: undefined },
      { areaCode: 'E09000002', areaNames: ['Barking and Dagenham'], police: undefined },
    ];
    const both = await readPlacesForAreas(files, areas, io);
    // One reader call per file (the lookup and the boundary file), not one per file and area.
    expect(reads).toBe(files.length);
    expect(files).toHaveLength(2);
    for (const [i, area] of areas.entries()) expect(both[i]).toEqual(await readPlaces(files, context(area.areaCode, area.areaNames)));
    expect(both[0]!.lsoaBoundaries?.features.map((f) => f.code)).toEqual(['E01000001', 'E01000002', 'E01000003']);
  });
});

