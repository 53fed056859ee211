import { describe, expect, it } from 'vitest';
import { quartersText } from '../../../src/analysis/home-office.js';
import { allocateOffence, offenceKey } from '../../../src/ingest/formats/home-office-offences.js';
import { areaKey, HomeOfficeNames, sameArea } from '../../../src/ingest/home-office.js';
import type { HomeOfficeRow } from '../../../src/model/data.js';

const row = (cspName: string): HomeOfficeRow => ({
  financialYear: '2022/23',
  quarter: 1,
  forceName: 'Essex',
  cspName,
  offenceDescription: 'Shoplifting',
  offenceGroup: 'Theft offences',
  offenceSubgroup: 'Shoplifting',
  offenceCode: '46',
  count: 1,
  source: { file: 'csp.csv', line: 2 },
});

describe('areaKey: ONS and Home Office spellings of one area', () => {
  it.each([
    ['Bristol, City of', 'Bristol'],
    ['City of Bristol', 'bristol'],
    ['Herefordshire, County of', 'Herefordshire'],
    ['Barking & Dagenham', 'Barking and Dagenham'],
    ['  Stockton-on-Tees ', 'Stockton on Tees'],
    ["King's Lynn and West Norfolk", 'Kings Lynn and West Norfolk'],
    ['Rhondda Cynon Taf', 'RHONDDA  CYNON TAF'],
  ])('%s = %s', (a, b) => expect(sameArea(a, b)).toBe(true));

  it('keeps different areas apart', () => {
    expect(sameArea('North Somerset', 'Somerset')).toBe(false);
    expect(sameArea('Bristol', 'Bristol North')).toBe(false);
    expect(areaKey('Bristol, City of')).toBe('bristol');
  });

  it('finds names by key, suggests a close one, and lists the nearest', () => {
    const names = new HomeOfficeNames(['Basildon', 'Colchester', 'Chelmsford', 'Harlow', 'Southend-on-Sea'].map(row));
    expect(names.find('SOUTHEND ON SEA')).toBe('Southend-on-Sea');
    expect(names.find('Colchster')).toBeUndefined();
    expect(names.didYouMean('Colchster')).toBe('Colchester');
    expect(names.didYouMean('Norwich')).toBeUndefined();
    expect(names.nearest('Basildon District', 2)[0]).toBe('Basildon');
  });
});

describe('offence subgroups across editions', () => {
  it.each([
    ['Violence against the person', 'Violence with Injury', 'recorded-crime.violence-and-sexual-offences'],
    ['Misc crimes against society', 'Misc crimes against society', 'recorded-crime.other-crime'],
    ['Arson & criminal damage', 'Arson and criminal damage', 'recorded-crime.criminal-damage-and-arson'],
    ['Theft offences', 'Residential burglary', 'recorded-crime.burglary'],
    ['Theft offences', 'All other theft offences', 'recorded-crime.other-theft'],
    ['Violence against the person', 'Death or serious injury caused by unlawful driving', 'recorded-crime.violence-and-sexual-offences'],
    ['Sexual offences', 'Rape', 'recorded-crime.violence-and-sexual-offences'],
    ['Drug offences', 'Trafficking of drugs', 'recorded-crime.drugs'],
    ['Public order offences', '', 'recorded-crime.public-order'],
  ])('%s / %s → %s', (group, subgroup, id) => {
    const a = allocateOffence(group, subgroup);
    expect(a.kind).toBe('known');
    expect(a.kind === 'known' && a.indicator).toBe(id);
  });

  it('fraud is known and counts towards no police.uk category; unknown text and an empty "Theft offences" subgroup are unknown', () => {
    const fraud = allocateOffence('Fraud offences', 'Fraud offences');
    expect(fraud).toMatchObject({ kind: 'known', indicator: null });
    expect(fraud.kind === 'known' && fraud.subgroup.why).toMatch(/Action Fraud/);
    expect(allocateOffence('Violence against the person', 'Knife enabled violence')).toEqual({ kind: 'unknown' });
    expect(allocateOffence('Theft offences', '')).toEqual({ kind: 'unknown' });
    expect(offenceKey(' Misc  Crimes & Society ')).toBe('miscellaneous crimes and society');
  });
});

describe('quartersText', () => {
  it.each([
    [[1, 2, 3, 4], 'April to March'],
    [[1, 2, 3], 'April to December'],
    [[1], 'April to June'],
    [[1, 3], 'April to June and October to December'],
    [[2, 4], 'July to September and January to March'],
    [[], 'no quarter'],
  ])('%j → %s', (q, text) => expect(quartersText(q)).toBe(text));
});
