/**
 * Proven reoffending (Ministry of Justice) and first-time entrants (Youth Justice Board) as the measures README of
 * `swp init` says to give them (templates/init/skeleton/measures/README.md): the published columns copied with their
 * names, mapped with `columns:`. No reader takes the published tables themselves: their layouts could not be
 * confirmed (test/fixtures/real/SOURCES.md). The examples are taken from the README, so the README is what is tested.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readMeasures } from '../../../../src/ingest/formats/measures.js';
import { periodNameDays } from '../../../../src/ingest/formats/period-names.js';
import { ROOT } from '../../../helpers.js';
import { inputError, tempDir } from './helpers.js';

const README = readFileSync(`${ROOT}/templates/init/skeleton/measures/README.md`, 'utf8');
const write = tempDir();

/** The fenced blocks of one language in the README, in order. */
function blocks(lang: string): string[] {
  return [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

/** The `columns:` mapping of the README's YAML example, read from its flow-map text. */
function readmeColumns(): Record<string, string> {
  const m = /columns: \{ ([^}]*) \}/.exec(blocks('yaml')[0]!)!;
  return Object.fromEntries(m[1]!.split(', ').map((pair) => pair.split(': ') as [string, string]));
}

describe('periodNameDays', () => {
  it('turns MoJ and YJB cohort names into first and last days', () => {
    expect(periodNameDays('Apr 2018 to Mar 2019')).toEqual({ start: '2018-04-01', end: '2019-03-31' });
    expect(periodNameDays('Apr 2009-Mar 2010')).toEqual({ start: '2009-04-01', end: '2010-03-31' });
    expect(periodNameDays('Apr - Jun 2019')).toEqual({ start: '2019-04-01', end: '2019-06-30' });
    expect(periodNameDays('Jan - Mar 2020')).toEqual({ start: '2020-01-01', end: '2020-03-31' });
    // A span named with one year that crosses a new year starts in the year before.
    expect(periodNameDays('Nov - Jan 2020')).toEqual({ start: '2019-11-01', end: '2020-01-31' });
    expect(periodNameDays('January 2016 to December 2016')).toEqual({ start: '2016-01-01', end: '2016-12-31' });
    expect(periodNameDays('Jan 2016 to Feb 2016')).toEqual({ start: '2016-01-01', end: '2016-02-29' });
    expect(periodNameDays('Mar 2019 to Apr 2018')).toBeUndefined();
    expect(periodNameDays('2019/20')).toBeUndefined();
    expect(periodNameDays('Foo 2019 to Bar 2020')).toBeUndefined();
  });
});

describe('the measures README: proven reoffending copied with its published column names', () => {
  it('reads the example with the README mapping: reoffenders as numerator, offenders as denominator', async () => {
    const csv = blocks('csv')[0]!;
    const columns = readmeColumns();
    expect(columns).toEqual({ numerator: 'reoffenders', denominator: 'offenders' });
    const { rows } = await readMeasures(write('moj-reoffending.csv', csv), { columns, displayPath: 'justice/moj-reoffending.csv' });
    // Expected values counted from the CSV text itself, not from swp.
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(records.length);
    expect(rows.map((r) => [r.indicator, r.areaCode, r.areaName, r.periodStart, r.periodEnd, r.numerator, r.denominator])).toEqual(
      records.map((r) => [r['indicator'], r['area_code'], r['Geography'], r['period_start'], r['period_end'], Number(r['reoffenders']), Number(r['offenders'])]),
    );
    expect(rows.map((r) => r.indicator)).toEqual(['reoffending.adult', 'reoffending.youth', 'reoffending.adult']);
    // The England and Wales benchmark row, and a suppressed reoffences count kept as not published (never 0).
    expect(rows[2]).toMatchObject({ areaCode: 'K04000001', areaName: 'England and Wales', numerator: 98621, denominator: 349816, reoffences: 332465 });
    expect(rows[1]).toMatchObject({ numerator: 38, denominator: 96, reoffences: null });
  });

  it('without the mapping, names the missing columns and points to `columns:`', async () => {
    const err = await inputError(readMeasures(write('unmapped.csv', blocks('csv')[0]!), { displayPath: 'unmapped.csv' }));
    expect(err.problems[0]!.message + (err.problems[0]!.found ?? '')).toMatch(/numerator/);
    expect(err.problems[0]!.hint).toContain('columns:');
  });

  it('locates a cohort name pasted into a date column and gives the two dates to write', async () => {
    const csv = blocks('csv')[0]!.replace('2018-04-01,2019-03-31,96', 'Apr 2018 to Mar 2019,2019-03-31,96');
    const err = await inputError(readMeasures(write('cohort.csv', csv), { columns: readmeColumns(), displayPath: 'justice/moj-reoffending.csv' }));
    expect(err.problems).toHaveLength(1);
    const [p] = err.problems;
    // Line 3 (the youth row), column 4 (period_start).
    expect([p!.file, p!.line, p!.column, p!.columnName]).toEqual(['justice/moj-reoffending.csv', 3, 4, 'period_start']);
    expect(p!.hint).toContain('2018-04-01');
    expect(p!.hint).toContain('2019-03-31');
  });

  it('reads the first-time entrants example as fte.youth with the population aged 10 to 17', async () => {
    const csv = blocks('csv')[1]!;
    const { rows } = await readMeasures(write('fte.csv', csv), { displayPath: 'justice/fte.csv' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ indicator: 'fte.youth', areaCode: 'E08000031', periodStart: '2019-01-01', periodEnd: '2019-12-31', numerator: 61, denominator: 26370 });
  });
});
