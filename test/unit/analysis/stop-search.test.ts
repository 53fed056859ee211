/**
 * Stop and search: the real Greater Manchester Police file for June 2019 (../shared/data, 907 searches), read by
 * swp's reader and summarised, against counts made here with csv-parse and plain rules, and intervals computed
 * independently (Python, Wilson's formula; a textbook rate ratio).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { selfDefinedGroup, summariseStopSearch } from '../../../src/analysis/stop-search.js';
import { rateRatio } from '../../../src/analysis/stats/index.js';
import { readStopSearch, ukMonth } from '../../../src/ingest/formats/stop-search.js';
import { SwpError } from '../../../src/model/errors.js';
import { REAL_DATA, tempDir, writeTree } from '../../helpers.js';

const FILE = join(REAL_DATA, '2019-06-greater-manchester-stop-and-search.csv');

describe('police.uk stop-and-search reader', () => {
  it('reads every search of the real file, each in June by UK local time (two are 31 May in UTC)', async () => {
    const raw: Record<string, string>[] = parse(readFileSync(FILE), { columns: true, bom: true });
    const { rows, summary } = await readStopSearch(FILE);
    expect(rows.length).toBe(raw.length);
    expect(raw.filter((r) => r['Date']!.startsWith('2019-05')).length).toBe(2);
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(['2019-06']));
    expect(summary).toMatchObject({ kind: 'police-uk-stop-search', rows: 907, firstPeriod: '2019-06', lastPeriod: '2019-06' });
    expect(rows.filter((r) => r.latitude === null).length).toBe(raw.filter((r) => r['Latitude'] === '').length);
    expect(rows.filter((r) => r.outcomeLinked === true).length).toBe(raw.filter((r) => r['Outcome linked to object of search'] === 'True').length);
  });

  it('puts a date at midnight of a BST month start in that month, and a GMT one likewise', () => {
    expect(ukMonth('2019-05-31T23:01:00+00:00')).toBe('2019-06');
    expect(ukMonth('2019-12-31T23:59:00+00:00')).toBe('2019-12');
    expect(ukMonth('2020-01-01T00:00:00+00:00')).toBe('2020-01');
    expect(ukMonth('31/05/2019 23:01')).toBeNull();
  });

  it('refuses a date Excel rewrote, with the file, line, column and a hint', async () => {
    const dir = tempDir();
    const header = readFileSync(FILE, 'utf8').split(/\r?\n/)[0];
    writeTree(dir, { 's.csv': `${header}\r\nPerson search,31/05/2019 23:01,False,,53.4,-2.1,Female,10-17,White - English/Welsh/Scottish/Northern Irish/British,White,PACE,Controlled drugs,Arrest,True,False\r\n` });
    const err = await readStopSearch(join(dir, 's.csv'), { displayPath: 's.csv' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SwpError);
    const p = (err as SwpError).problems[0]!;
    expect(p).toMatchObject({ file: 's.csv', line: 2, column: 2, columnName: 'Date' });
    expect(p.hint).toMatch(/Excel/);
  });
});

describe('stop and search summary', () => {
  it('counts arrests and linked outcomes over all searches, with Wilson intervals', async () => {
    const { rows } = await readStopSearch(FILE);
    const s = summariseStopSearch(rows, {}, 5);
    expect(s.searches).toBe(907);
    // 98 arrests, 142 linked (counted with csv-parse above); Wilson 95% limits computed independently in Python.
    expect(s.arrests.count).toBe(98);
    expect(s.arrests.value).toBeCloseTo(10.804851157662625, 10);
    expect(s.arrests.ci95![0]).toBeCloseTo(8.947315338438795, 9);
    expect(s.arrests.ci95![1]).toBeCloseTo(12.992996763673634, 9);
    expect(s.linked.count).toBe(142);
    expect(s.linked.ci95![0]).toBeCloseTo(13.436509294673474, 9);
    expect(s.linked.ci95![1]).toBeCloseTo(18.165198777922928, 9);
  });

  it('groups self-defined ethnicity into the Census broad groups, "not stated" apart, and withholds small groups', async () => {
    const { rows } = await readStopSearch(FILE);
    const pop = { White: 2_000_000, Black: 100_000, Asian: 300_000, Mixed: 60_000, Other: 40_000 };
    const s = summariseStopSearch(rows, pop, 5);
    const by = Object.fromEntries(s.byEthnicity.map((r) => [r.group, r]));
    // Counted with csv-parse: White 502, Asian 142, Black 113, Mixed 34, Other 16 (Arab 11, any other 5);
    // "Other ethnic group - Not stated" 64 and blank 36 are not stated.
    expect([by.White!.searches, by.Asian!.searches, by.Black!.searches, by.Mixed!.searches, by.Other!.searches]).toEqual([502, 142, 113, 34, 16]);
    expect(s.notStated).toBe(100);
    // Black: (113 / 100,000) ÷ (502 / 2,000,000) = 4.5019…; log-method limits by hand: exp(ln 4.5019 ± 1.96·√(1/113 + 1/502)).
    expect(by.Black!.rateRatio).toBeCloseTo(4.50199203187251, 10);
    const half = 1.959963984540054 * Math.sqrt(1 / 113 + 1 / 502);
    expect(by.Black!.rateRatioCi95![0]).toBeCloseTo(4.50199203187251 * Math.exp(-half), 10);
    expect(by.White!.rateRatio).toBeNull();
    // Three Mixed searches only: withheld ([c]), with the rate and ratio worked from them.
    const mixed = rows.filter((r) => selfDefinedGroup(r.selfDefinedEthnicity) === 'Mixed').slice(0, 3);
    const few = summariseStopSearch([...rows.filter((r) => selfDefinedGroup(r.selfDefinedEthnicity) !== 'Mixed'), ...mixed], pop, 5);
    expect(few.byEthnicity.find((r) => r.group === 'Mixed')).toMatchObject({ searches: null, rate: null, rateRatio: null, population: 60_000 });
  });

  it('compares officer-defined ethnicity (White, Black, Asian, Other) with the same residents, leaving Mixed out', async () => {
    const { rows } = await readStopSearch(FILE);
    const raw: Record<string, string>[] = parse(readFileSync(FILE), { columns: true, bom: true });
    const count = (g: string) => raw.filter((r) => r['Officer-defined ethnicity'] === g).length;
    // csv-parse: White 531, Asian 161, Black 145, Other 19, blank 51.
    expect([count('White'), count('Asian'), count('Black'), count('Other'), count('')]).toEqual([531, 161, 145, 19, 51]);
    const pop = { White: 2_000_000, Black: 100_000, Asian: 300_000, Mixed: 60_000, Other: 40_000 };
    const s = summariseStopSearch(rows, pop, 5);
    expect(s.byOfficerEthnicity.map((r) => [r.group, r.searches, r.population])).toEqual([
      ['White', 531, 2_000_000],
      ['Black', 145, 100_000],
      ['Asian', 161, 300_000],
      ['Other', 19, 40_000],
    ]);
    expect(s.officerNotRecorded).toBe(51);
    // Black: (145 / 100,000) ÷ (531 / 2,000,000), log-method limits by hand.
    const rr = 145 / 100_000 / (531 / 2_000_000);
    const half = 1.959963984540054 * Math.sqrt(1 / 145 + 1 / 531);
    const black = s.byOfficerEthnicity.find((r) => r.group === 'Black')!;
    expect(black.rateRatio).toBeCloseTo(rr, 10);
    expect(black.rateRatioCi95![0]).toBeCloseTo(rr * Math.exp(-half), 10);
    expect(black.rateRatioCi95![1]).toBeCloseTo(rr * Math.exp(half), 10);
    expect(black.rate).toBeCloseTo((1000 * 145) / 100_000, 10);
    // The Mixed residents play no part: a different Mixed population gives the same officer-defined rows.
    expect(summariseStopSearch(rows, { ...pop, Mixed: 1 }, 5).byOfficerEthnicity).toEqual(s.byOfficerEthnicity);
    // A small officer-defined group is withheld as the self-defined ones are.
    const fewOther = rows.filter((r) => r.officerDefinedEthnicity !== 'Other').concat(rows.filter((r) => r.officerDefinedEthnicity === 'Other').slice(0, 2));
    expect(summariseStopSearch(fewOther, pop, 5).byOfficerEthnicity.find((r) => r.group === 'Other')).toMatchObject({ searches: null, rate: null, rateRatio: null });
  });

  it('gives the textbook rate ratio: 41 cases in 28,010 person-years against 15 in 19,017 (Rothman), 90% interval', () => {
    const rr = rateRatio(41, 28010, 15, 19017, 0.9)!;
    expect(rr.value.toFixed(1)).toBe('1.9');
    expect(rr.lower.toFixed(1)).toBe('1.1');
    expect(rr.upper).toBeGreaterThan(2.95);
    expect(rr.upper).toBeLessThan(3.1);
    expect(rateRatio(0, 100, 5, 100)).toBeNull();
  });
});
