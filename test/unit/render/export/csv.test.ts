import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

import { assessmentTables, csvField, csvFolder, csvNumber, stackTables, tablesJson, tableToCsv, writeCsvTables, type DataTable } from '../../../../src/render/export/index.js';
import { tempDir } from '../../../helpers.js';
import { smallAssessment } from './fixtures.js';

const BOM = '\uFEFF';

/** A hand-made table with every awkward cell. */
function awkward(): DataTable {
  return {
    id: 'awkward',
    title: 'Awkward cells',
    description: 'For the tests.',
    columns: [
      { key: 'label', heading: 'Label' },
      { key: 'count', heading: 'Count', decimals: 0 },
      { key: 'rate', heading: 'Rate, all ages', unit: 'per 1,000 residents', decimals: 1 },
    ],
    rows: [
      ['Cost in £, "quoted", with commas', 1234567, 84.65727085842829],
      ['two\nlines', null, null],
      ['=HYPERLINK("x")', -0, 7.012485597403128e-15],
      [' padded', 0, -1.5],
    ],
    symbols: [
      [null, null, null],
      [null, '[c]', '[x]'],
      [null, null, null],
      [null, null, null],
    ],
    notes: [],
  };
}

describe('csvField', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' leading')).toBe('" leading"');
    expect(csvField('£5')).toBe('£5');
    expect(csvField('')).toBe('');
  });

  it('writes numbers plainly at full precision', () => {
    expect(csvNumber(1234567)).toBe('1234567');
    expect(csvNumber(84.65727085842829)).toBe('84.65727085842829');
    expect(csvNumber(-0)).toBe('0');
    expect(Number(csvNumber(7.012485597403128e-15))).toBe(7.012485597403128e-15);
  });
});

describe('tableToCsv', () => {
  const csv = tableToCsv(awkward());

  it('starts with a UTF-8 BOM, then the header row, and ends every line with CRLF', () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).startsWith('Label,Count,"Rate, all ages (per 1,000 residents)"\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Outside quoted fields every line break is CRLF.
    expect(csv.replace(/"(?:[^"]|"")*"/g, '').match(/\r?\n/g)!.every((nl) => nl === '\r\n')).toBe(true);
  });

  it('reads back to the same cells, with symbols where figures are not shown', () => {
    const rows: string[][] = parse(csv, { bom: true, relaxQuotes: false });
    expect(rows).toEqual([
      ['Label', 'Count', 'Rate, all ages (per 1,000 residents)'],
      ['Cost in £, "quoted", with commas', '1234567', '84.65727085842829'],
      ['two\nlines', '[c]', '[x]'],
      ["'=HYPERLINK(\"x\")", '0', '7.012485597403128e-15'],
      [' padded', '0', '-1.5'],
    ]);
  });

  it('never prints a suppressed figure as 0 or leaves it empty', () => {
    const rows: string[][] = parse(csv, { bom: true });
    expect(rows[2]!.slice(1)).toEqual(['[c]', '[x]']);
    expect(csv).not.toMatch(/,,|,\r\n/);
  });

  it('encodes £ as UTF-8', () => {
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from([0xc2, 0xa3]))).toBe(true);
  });

  it('can use the machine names of the columns as the header', () => {
    const rows: string[][] = parse(tableToCsv(awkward(), { header: 'keys' }), { bom: true });
    expect(rows[0]).toEqual(['label', 'count', 'rate']);
  });
});

describe('writeCsvTables', () => {
  it('writes <out>/<doc>-data/<id>.csv for every table, and nothing else', async () => {
    const out = tempDir();
    const tables = assessmentTables(smallAssessment());
    const dir = csvFolder(out, 'assessment');
    expect(dir).toBe(join(out, 'assessment-data'));
    const written = await writeCsvTables(dir, tables);
    expect(written).toEqual(tables.map((t) => join(dir, `${t.id}.csv`)));
    expect(readdirSync(dir).sort()).toEqual(tables.map((t) => `${t.id}.csv`).sort());

    const indicators: Record<string, string>[] = parse(readFileSync(join(dir, 'indicators.csv')), { bom: true, columns: true });
    const forced = indicators.find((r) => r['Indicator ID'] === 'hidden.forced-marriage')!;
    expect(forced['Count']).toBe('[c]');
    expect(forced['Value']).toBe('[c]');
    expect(forced['Provisional [p] or revised [r]']).toBe('[p]');
    const missing = indicators.find((r) => r['Indicator ID'] === 'treatment.completions')!;
    expect(missing['Value']).toBe('[x]');
    const all = indicators.find((r) => r['Indicator ID'] === 'recorded-crime.all')!;
    expect(all['Indicator']).toBe('All recorded crime, "excluding" ASB, £ and commas');
    expect(all['Value']).toBe('84.7');
    expect(all['Value (unrounded)']).toBe('84.65727085842829');
    expect(all['Change in count on previous period (%)']).toBe('2.029424878411845');
  });

  it('refuses two tables with the same id', async () => {
    const t = awkward();
    await expect(writeCsvTables(tempDir(), [t, { ...t }])).rejects.toThrow(/same id|two tables/);
  });
});

describe('--csv-blanks: numeric cells empty, the symbol in a status column', () => {
  const rows: string[][] = parse(tableToCsv(awkward(), { symbols: 'column' }), { bom: true });

  it('puts a status column after each numeric column and leaves text columns as they are', () => {
    expect(rows[0]).toEqual(['Label', 'Count', 'Count status', 'Rate, all ages (per 1,000 residents)', 'Rate, all ages (per 1,000 residents) status']);
    expect(rows[1]).toEqual(['Cost in £, "quoted", with commas', '1234567', '', '84.65727085842829', '']);
    expect(rows[2]).toEqual(['two\nlines', '', '[c]', '', '[x]']);
  });

  it('never writes a symbol into a numeric column, so every non-empty numeric cell parses as a number', () => {
    for (const row of rows.slice(1)) for (const k of [1, 3]) if (row[k] !== '') expect(Number.isFinite(Number(row[k])), row[k]).toBe(true);
  });
});

describe('tables.json (Frictionless Data Package)', () => {
  it('names each CSV and its columns with their types, and the markers of a missing figure', () => {
    const pkg = JSON.parse(tablesJson('Title', [awkward()]));
    expect(pkg.profile).toBe('tabular-data-package');
    const [res] = pkg.resources;
    expect(res.path).toBe('awkward.csv');
    expect(res.schema.fields.map((f: { name: string; type: string }) => [f.name, f.type])).toEqual([
      ['Label', 'string'],
      ['Count', 'integer'],
      ['Rate, all ages (per 1,000 residents)', 'number'],
    ]);
    expect(res.schema.missingValues).toEqual(['', '[c]', '[x]', '[z]']);
  });

  it('lists the status columns of --csv-blanks as text, with only the empty cell missing', () => {
    const res = JSON.parse(tablesJson('Title', [awkward()], { symbols: 'column' })).resources[0];
    expect(res.schema.fields.map((f: { name: string }) => f.name)).toEqual(parse(tableToCsv(awkward(), { symbols: 'column' }), { bom: true })[0]);
    expect(res.schema.fields[2].type).toBe('string');
    expect(res.schema.missingValues).toEqual(['']);
  });

  it('types the dates of the assessment tables as dates', () => {
    const pkg = JSON.parse(tablesJson('Title', assessmentTables(smallAssessment())));
    const indicators = pkg.resources.find((r: { name: string }) => r.name === 'indicators');
    const type = (name: string) => indicators.schema.fields.find((f: { name: string }) => f.name === name)?.type;
    expect([type('Period start'), type('Count'), type('Value'), type('Area code')]).toEqual(['date', 'integer', 'number', 'string']);
  });
});

describe('stackTables', () => {
  it('stacks tables of the same id in order, under the union of their columns, [x] where an area lacks one', () => {
    const a = awkward();
    const b: DataTable = { ...awkward(), columns: [...a.columns.slice(0, 2), { key: 'extra', heading: 'Extra', decimals: 0 }], rows: [['b', 1, 9]], symbols: [[null, null, null]] };
    const [t] = stackTables([[a], [b]]);
    expect(t!.columns.map((c) => c.key)).toEqual(['label', 'count', 'rate', 'extra']);
    expect(t!.rows.length).toBe(5);
    expect(t!.rows[4]).toEqual(['b', 1, null, 9]);
    expect(t!.symbols[4]).toEqual([null, null, '[x]', null]);
    expect(t!.rows[0]![3]).toBeNull();
    expect(t!.symbols[0]![3]).toBe('[x]');
  });
});
