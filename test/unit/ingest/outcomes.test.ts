import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_OUTCOMES, outcomeCategory } from '../../../src/ingest/formats/police-uk-outcomes.js';
import { readOutcomesFiles } from '../../../src/ingest/outcomes.js';
import type { Warning } from '../../../src/model/errors.js';
import { CRIME_TYPES } from '../../../src/model/data.js';
import { rejection, REAL_DATA, tempDir, writeTree } from '../../helpers.js';

const STREET = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const OUTCOMES = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type';
const street = (id: string, month: string, lsoa: string, name: string, type: string, outcome: string) => `${id},${month},Midshire Police,Midshire Police,-1.8,52.8,On or near Mill Lane,${lsoa},${name},${type},${outcome},`;
const outcome = (id: string, month: string, type: string) => `${id},${month},Midshire Police,Midshire Police,-1.8,52.8,On or near Mill Lane,E01099001,Castlebridge 001A,${type}`;

// The categories written out by hand from the data.police.uk outcome names and the rules of issue 14 (a court result
// implies a charge; cautions, resolutions, penalty notices and drugs warnings are out of court).
const EXPECTED: Record<string, string> = {
  'Suspect charged': 'charged',
  'Suspect charged as part of another case': 'charged',
  'Awaiting court outcome': 'charged',
  'Court result unavailable': 'charged',
  'Court case unable to proceed': 'charged',
  'Defendant found not guilty': 'charged',
  'Defendant sent to Crown Court': 'charged',
  'Offender sent to prison': 'charged',
  'Offender given suspended prison sentence': 'charged',
  'Offender given community sentence': 'charged',
  'Offender fined': 'charged',
  'Offender given conditional discharge': 'charged',
  'Offender given absolute discharge': 'charged',
  'Offender ordered to pay compensation': 'charged',
  'Offender deprived of property': 'charged',
  'Offender otherwise dealt with': 'charged',
  'Investigation complete; no suspect identified': 'noSuspect',
  'Offender given a caution': 'outOfCourt',
  'Local resolution': 'outOfCourt',
  'Offender given penalty notice': 'outOfCourt',
  'Offender given a drugs possession warning': 'outOfCourt',
  'Community resolution': 'outOfCourt',
  'Khat or Cannabis warning': 'outOfCourt',
  'Under investigation': 'open',
  'Unable to prosecute suspect': 'other',
  'Formal action is not in the public interest': 'other',
  'Further investigation is not in the public interest': 'other',
  'Further action is not in the public interest': 'other',
  'Action to be taken by another organisation': 'other',
  'Status update unavailable': 'other',
};

describe('police.uk outcome categories', () => {
  it('maps every known outcome name to the category written out by hand, whatever the case and spaces', () => {
    expect([...KNOWN_OUTCOMES].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [text, category] of Object.entries(EXPECTED)) {
      expect(outcomeCategory(text)).toBe(category);
      expect(outcomeCategory(`  ${text.toUpperCase()} `)).toBe(category);
    }
    expect(outcomeCategory('Sent to the moon')).toBeUndefined();
  });

  it('knows every outcome name of the real Essex street file', () => {
    const names = new Set(readFileSync(join(REAL_DATA, '2022-12-essex-street-sample.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',').at(-2)!));
    names.delete('');
    expect([...names].filter((n) => outcomeCategory(n) === undefined)).toEqual([]);
  });
});

/** A tree of two months of Midshire street files and three outcomes files. */
function tree(extraOutcomes: string[] = []): string {
  const dir = tempDir();
  writeTree(dir, {
    '2016-04/2016-04-midshire-street.csv': [
      STREET,
      street('a1', '2016-04', 'E01099001', 'Castlebridge 001A', 'Burglary', 'Under investigation'),
      street('b2', '2016-04', 'E01099001', 'Castlebridge 001A', 'Burglary', 'Investigation complete; no suspect identified'),
      street('c3', '2016-04', 'E01099002', 'Castlebridge 001B', 'Robbery', 'Unable to prosecute suspect'),
      street('d4', '2016-04', 'E01099002', 'Castlebridge 001B', 'Drugs', 'Unable to prosecute suspect'),
      street('e5', '2016-04', 'E01099301', 'Hollinbury 001A', 'Drugs', 'Offender given a caution'),
      street('', '2016-04', 'E01099001', 'Castlebridge 001A', 'Anti-social behaviour', ''),
      street('f6', '2016-04', 'E01099001', 'Castlebridge 001A', 'Shoplifting', 'Something new'),
      street('g7', '2016-04', 'E01099001', 'Castlebridge 001A', 'Shoplifting', ''),
    ].join('\n'),
    '2016-05/2016-05-midshire-street.csv': [STREET, street('a1', '2016-05', 'E01099301', 'Hollinbury 001A', 'Robbery', 'Offender fined'), street('h8', '2016-05', 'E01099001', 'Castlebridge 001A', 'Vehicle crime', 'Under investigation')].join('\n'),
    '2016-05/2016-05-midshire-outcomes.csv': [OUTCOMES, outcome('c3', '2016-05', 'Suspect charged'), outcome('d4', '2016-05', 'Offender given a caution')].join('\n'),
    // A later file: a court result after the charge, and a category change; a1's outcome beats its street category.
    '2016-07/2016-07-midshire-outcomes.csv': [OUTCOMES, outcome('c3', '2016-07', 'Offender fined'), outcome('d4', '2016-07', 'Investigation complete; no suspect identified'), outcome('a1', '2016-07', 'Local resolution'), ...extraOutcomes].join('\n'),
    // An earlier outcome month read after the later one must not win (d4 stays "no suspect").
    '2016-06/2016-06-midshire-outcomes.csv': [OUTCOMES, outcome('d4', '2016-06', 'Suspect charged'), outcome('zz', '2016-06', 'Suspect charged')].join('\n'),
  });
  return dir;
}

describe('joining street and outcomes files', () => {
  it('keeps each crime once with its latest outcome: outcomes rows beat the street category, later months beat earlier ones', async () => {
    const dir = tree();
    const warnings: Warning[] = [];
    const got = (await readOutcomesFiles([dir], { displayBase: dir, forces: ['Midshire Police'], months: ['2016-04', '2016-05'], area: { lsoaNamePrefix: 'Castlebridge' }, onWarning: (w) => warnings.push(w) }))!;
    const byType = got.crimes.map((c) => [CRIME_TYPES[c.type], c.month, c.inArea, c.category]);
    expect(byType).toEqual([
      ['Burglary', '2016-04', true, 'outOfCourt'], // a1: street "Under investigation", outcomes 2016-07 Local resolution
      ['Burglary', '2016-04', true, 'noSuspect'], // b2: street only
      ['Robbery', '2016-04', true, 'charged'], // c3: charged 2016-05, fined 2016-07
      ['Drugs', '2016-04', true, 'noSuspect'], // d4: caution 2016-05, charged 2016-06, no suspect 2016-07
      ['Drugs', '2016-04', false, 'outOfCourt'], // e5: Hollinbury
      ['Shoplifting', '2016-04', true, 'other'], // f6: unknown name
      ['Shoplifting', '2016-04', true, null], // g7: no status
      ['Vehicle crime', '2016-05', true, 'open'], // h8; a1 again in 2016-05 is counted once (the first row read)
    ]);
    expect(got.forces).toEqual(['Midshire Police']);
    expect(got.outcomesFiles).toEqual(['2016-05/2016-05-midshire-outcomes.csv', '2016-06/2016-06-midshire-outcomes.csv', '2016-07/2016-07-midshire-outcomes.csv']);
    expect(got.latestOutcomesMonth).toBe('2016-07');
    expect(warnings.map((w) => [w.file, w.message])).toEqual([['2016-04/2016-04-midshire-street.csv', 'unknown police.uk outcome "Something new" (1 crime) counted as "other"']]);
  });

  it('reads only the covering forces\' files and only the months asked for', async () => {
    const dir = tree();
    writeTree(dir, { '2016-04/2016-04-westshire-street.csv': [STREET, street('w1', '2016-04', 'E01099001', 'Castlebridge 001A', 'Burglary', 'Under investigation')].join('\n') });
    const got = (await readOutcomesFiles([dir], { displayBase: dir, forces: ['Midshire Police'], months: ['2016-05'], area: { lsoaNamePrefix: 'Castlebridge' } }))!;
    expect(got.streetFiles).toEqual(['2016-05/2016-05-midshire-street.csv']);
    // a1 is now read from 2016-05 (street "Offender fined"), and its 2016-07 outcomes row still wins; h8 has none.
    expect(got.crimes.map((c) => [CRIME_TYPES[c.type], c.category])).toEqual([['Robbery', 'outOfCourt'], ['Vehicle crime', 'open']]);
    expect(await readOutcomesFiles([dir], { displayBase: dir, forces: ['Northshire Police'], months: ['2016-05'], area: {} })).toBeUndefined();
  });

  it('gives located errors for broken outcomes rows', async () => {
    const dir = tree(['x9,2016-13,Midshire Police,Midshire Police,,,,,,Suspect charged', ',2016-07,Midshire Police,Midshire Police,,,,,,Suspect charged', 'y1,2016-07,Midshire Police']);
    const e = await rejection(readOutcomesFiles([dir], { displayBase: dir, forces: [], months: ['2016-04'], area: {} }));
    expect(e.problems.map((p) => [p.file, p.line, p.column, p.columnName, p.message])).toEqual([
      ['2016-07/2016-07-midshire-outcomes.csv', 5, 2, 'Month', 'invalid month'],
      ['2016-07/2016-07-midshire-outcomes.csv', 6, 1, 'Crime ID', 'an outcome has no Crime ID'],
      ['2016-07/2016-07-midshire-outcomes.csv', 7, undefined, undefined, 'expected 10 fields, found 3'],
    ]);
  });

  it('counts the real Essex street file by category as an independent count of its lines does', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '2022-12'));
    copyFileSync(join(REAL_DATA, '2022-12-essex-street-sample.csv'), join(dir, '2022-12/2022-12-essex-street.csv'));
    const got = (await readOutcomesFiles([dir], { displayBase: dir, forces: ['Essex Police'], months: ['2022-12'], area: { lsoaNamePrefix: 'Basildon' } }))!;
    // Independent: split each line (its quoted fields hold no commas before the last two columns are reached from the
    // end), drop anti-social behaviour and repeated IDs, and group the outcome names by the hand-written table above.
    const seen = new Set<string>();
    const expected = { force: {} as Record<string, number>, basildon: {} as Record<string, number> };
    for (const line of readFileSync(join(REAL_DATA, '2022-12-essex-street-sample.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean)) {
      const f = line.split(',');
      const [id, type, name, last] = [f[0]!, f.at(-3)!, f.at(-4)!, f.at(-2)!];
      if (type === 'Anti-social behaviour' || seen.has(id)) continue;
      seen.add(id);
      const cat = last === '' ? 'none' : EXPECTED[last]!;
      expected.force[cat] = (expected.force[cat] ?? 0) + 1;
      if (/^Basildon \d{3}[A-Z]$/.test(name)) expected.basildon[cat] = (expected.basildon[cat] ?? 0) + 1;
    }
    const count = (keep: (c: (typeof got.crimes)[number]) => boolean) => {
      const out: Record<string, number> = {};
      for (const c of got.crimes.filter(keep)) out[c.category ?? 'none'] = (out[c.category ?? 'none'] ?? 0) + 1;
      return out;
    };
    expect(count(() => true)).toEqual(expected.force);
    expect(count((c) => c.inArea)).toEqual(expected.basildon);
    expect(Object.values(expected.basildon).reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
  });
});
