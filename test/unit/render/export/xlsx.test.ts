import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  assessmentMeta,
  assessmentTables,
  readZip,
  reportMeta,
  reportTables,
  setZipTimestamps,
  sheetNameOf,
  writeXlsx,
  xlsxBytes,
  type DataTable,
} from '../../../../src/render/export/index.js';
import { tempDir } from '../../../helpers.js';
import { parseXml } from '../charts/xml.js';
import { fullIndicator, smallAssessment, smallReport } from './fixtures.js';
import { colIndex, colLetters, readWorkbook, splitRef, type ReadSheet } from './xlsx-read.js';

/**
 * The header row of a sheet's table, and its cells by heading for a data row found by its first own cell (the
 * column after the area code, area name and document period that lead every row).
 */
function tableRow(sheet: ReadSheet, firstCell: string): Map<string, string | number> {
  const { row: headerRow } = splitRef(sheet.table!.ref.split(':')[0]!);
  const headings = sheet.table!.columns;
  const key = colLetters(3);
  for (let r = headerRow + 1; sheet.cells.has(`A${r}`); r++) {
    if (sheet.cells.get(`${key}${r}`)!.value !== firstCell) continue;
    return new Map(headings.map((h, c) => [h, sheet.cells.get(`${colLetters(c)}${r}`)?.value ?? '(empty)']));
  }
  throw new Error(`no row ${firstCell} in ${sheet.name}`);
}

describe('xlsx workbook', async () => {
  const a = smallAssessment();
  const tables = assessmentTables(a);
  const bytes = await xlsxBytes(assessmentMeta(a, { contact: 'Community safety team, csp@example.org', protectiveMarking: 'OFFICIAL' }), tables);
  const wb = readWorkbook(bytes);

  it('opens as a zip with the parts of a workbook', () => {
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml', 'docProps/core.xml']) {
      expect(wb.files.has(part), part).toBe(true);
    }
    expect(wb.files.get('[Content_Types].xml')).toContain('PartName="/docProps/core.xml"');
    expect(wb.files.get('[Content_Types].xml')).toContain('PartName="/xl/tables/table1.xml"');
  });

  it('writes every part as well-formed XML', () => {
    for (const [name, xml] of wb.files) if (name.endsWith('.xml') || name.endsWith('.rels')) expect(() => parseXml(xml), name).not.toThrow();
  });

  it('has Cover, Contents and Notes, then one sheet per table, with short unique names', () => {
    const names = wb.sheets.map((s) => s.name);
    expect(names).toEqual(['Cover', 'Contents', 'Notes', ...tables.map(sheetNameOf)]);
    expect(names).toContain('SPC_monthly');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]/\\:*?]/);
    }
  });

  it('says what the workbook is on the cover', () => {
    const cover = wb.sheet('Cover');
    const text = [...cover.cells.values()].map((c) => c.value);
    expect(cover.cells.get('A1')!.value).toBe('Strategic assessment 2016/17: data tables — Castlebridge Community Safety Partnership');
    for (const expected of ['Castlebridge Community Safety Partnership', 'Castlebridge (E08099001)', '2016/17 (1 April 2016 to 31 March 2017)', '30 June 2017', 'Community safety team, csp@example.org', 'OFFICIAL']) {
      expect(text).toContain(expected);
    }
    // Everything in column A, one item per cell, nothing merged.
    expect([...cover.cells.keys()].every((ref) => ref.startsWith('A'))).toBe(true);
  });

  it('says when no contact is configured', async () => {
    const plain = readWorkbook(await xlsxBytes(assessmentMeta(a), tables));
    expect([...plain.sheet('Cover').cells.values()].some((c) => String(c.value).startsWith('No contact is set'))).toBe(true);
  });

  it('lists every sheet on the Contents sheet, each name a link to its sheet', () => {
    const contents = wb.sheet('Contents');
    expect(contents.table!.columns).toEqual(['Sheet name', 'Title', 'Description']);
    const listed = [...contents.cells.entries()].filter(([ref]) => ref.startsWith('A') && splitRef(ref).row > 3).map(([, c]) => c.value);
    expect(listed).toEqual(['Notes', ...tables.map(sheetNameOf)]);
    expect(contents.links.map((l) => l.location)).toEqual(['Notes', ...tables.map(sheetNameOf)].map((n) => `'${n}'!A1`));
    const titles = [...contents.cells.entries()].filter(([ref]) => ref.startsWith('B') && splitRef(ref).row > 3).map(([, c]) => c.value);
    expect(titles).toEqual(['Notes', ...tables.map((t) => t.title)]);
  });

  it('explains the symbols and the methods on the Notes sheet', () => {
    const notes = wb.sheet('Notes');
    const text = [...notes.cells.values()].map((c) => String(c.value)).join('\n');
    for (const s of ['[c]', '[x]', '[z]', '[p]', '[r]']) expect(text).toContain(`Symbol ${s}`);
    expect(text).toContain('Method: Rates and their confidence intervals');
    expect(text).toContain('Method: Statistical process control');
    expect(text).toContain('volume: counts are turned into rates'); // the document's warnings
    expect(notes.table!.columns).toEqual(['Note number', 'Subject', 'Note text']);
  });

  it('puts one table on each table sheet: title in A1, a size line, notes, then header and data with no gaps', () => {
    for (const t of tables) {
      const sheet = wb.sheet(sheetNameOf(t));
      expect(sheet.cells.get('A1')).toMatchObject({ type: 's', value: t.title });
      expect(String(sheet.cells.get('A3')!.value)).toMatch(new RegExp(`^This worksheet contains one table of ${t.rows.length} rows? and ${t.columns.length} columns`));
      const [from, to] = sheet.table!.ref.split(':') as [string, string];
      const start = splitRef(from);
      const end = splitRef(to);
      expect(start.col).toBe('A');
      expect(colIndex(end.col)).toBe(t.columns.length - 1);
      expect(end.row - start.row).toBe(t.rows.length);
      // Header cells are the table's column names; every cell of the table is filled.
      sheet.table!.columns.forEach((name, c) => expect(sheet.cells.get(`${colLetters(c)}${start.row}`)?.value).toBe(name));
      for (let r = start.row; r <= end.row; r++) {
        for (let c = 0; c < t.columns.length; c++) expect(sheet.cells.has(`${colLetters(c)}${r}`), `${sheet.name}!${colLetters(c)}${r}`).toBe(true);
      }
      // Above the table: only column A, no blank rows.
      for (let r = 1; r < start.row; r++) {
        expect(sheet.cells.has(`A${r}`), `${sheet.name}!A${r}`).toBe(true);
        expect(sheet.cells.has(`B${r}`)).toBe(false);
      }
      expect(sheet.xml).not.toContain('<mergeCell');
      expect(sheet.widths.length).toBe(t.columns.length);
      expect(sheet.widths.every((w) => w >= 8 && w <= 60)).toBe(true);
    }
    expect(wb.sheets.every((s) => !s.xml.includes('<mergeCell'))).toBe(true);
  });

  it('names the Excel tables after their sheets, uniquely', () => {
    const names = wb.sheets.flatMap((s) => (s.table ? [s.table.name] : []));
    expect(names).toContain('Indicators_table');
    expect(new Set(names).size).toBe(names.length);
  });

  it('stores numbers as numbers at full precision with a display format, and symbols as text', () => {
    const sheet = wb.sheet('Indicators');
    const all = tableRow(sheet, 'recorded-crime.all');
    expect(all.get('Value')).toBe(84.7);
    expect(all.get('Value (unrounded)')).toBe(84.65727085842829);
    expect(all.get('Area code')).toBe('E08099001');
    expect(all.get('Count')).toBe(22279);
    expect(all.get('Long-term trend p-value')).toBe(7.012485597403128e-15);
    const header = splitRef(sheet.table!.ref.split(':')[0]!).row;
    const valueCol = colLetters(sheet.table!.columns.indexOf('Value'));
    const valueCell = sheet.cells.get(`${valueCol}${header + 1}`)!;
    expect(valueCell.type).toBe('n');
    const styles = wb.files.get('xl/styles.xml')!;
    const xf = [...styles.matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
    const numFmtId = /numFmtId="(\d+)"/.exec(xf[valueCell.style]!)?.[1];
    expect(styles).toContain(`<numFmt numFmtId="${numFmtId}" formatCode="#,##0.0"/>`);

    const forced = tableRow(sheet, 'hidden.forced-marriage');
    expect(forced.get('Count')).toBe('[c]');
    expect(forced.get('Value')).toBe('[c]');
    expect(forced.get('Provisional [p] or revised [r]')).toBe('[p]');
    expect(tableRow(sheet, 'treatment.completions').get('Value')).toBe('[x]');
    const summary = readWorkbook(bytes).sheet('Priority_criteria');
    expect(summary.table!.columns).toContain('Weight (0 to 1)');
  });

  it('stores period dates as real dates (Excel serial numbers with a date format), not text', () => {
    const sheet = wb.sheet('Indicators');
    const header = splitRef(sheet.table!.ref.split(':')[0]!).row;
    const col = colLetters(sheet.table!.columns.indexOf('Period start'));
    const cell = sheet.cells.get(`${col}${header + 1}`)!;
    // 2016-04-01 is day 42461 counting from 1899-12-30, Excel's epoch (1900 date system).
    expect(cell).toMatchObject({ type: 'n', value: 42461 });
    const styles = wb.files.get('xl/styles.xml')!;
    const xf = [...styles.matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
    const numFmtId = /numFmtId="(\d+)"/.exec(xf[cell.style]!)?.[1];
    expect(styles).toContain(`<numFmt numFmtId="${numFmtId}" formatCode="yyyy-mm-dd"/>`);
  });

  it('sets the document properties: title, language and the fixed dates', () => {
    const core = wb.files.get('docProps/core.xml')!;
    expect(core).toContain('<dc:title>Strategic assessment 2016/17: data tables — Castlebridge Community Safety Partnership</dc:title>');
    expect(core).toContain('<dc:language>en-GB</dc:language>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2017-06-30T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2017-06-30T00:00:00Z</dcterms:modified>');
    for (const e of readZip(bytes)) expect(e.modified.toISOString(), e.name).toBe('2017-06-30T00:00:00.000Z');
  });

  it('refuses tables whose sheet names clash', async () => {
    const t = tables[0]!;
    await expect(xlsxBytes(assessmentMeta(a), [t, { ...t, id: 'Indicators' }])).rejects.toThrow(/taken/);
    await expect(xlsxBytes(assessmentMeta(a), [{ ...t, id: 'notes' }])).rejects.toThrow(/taken/);
  });
});

describe('hostile labels', () => {
  it('keeps Excel table column names equal to the header cells, unique, and the XML well formed', async () => {
    const a = smallAssessment();
    const label = 'Crime <&> "quoted" \u0007 bell\nnew line';
    a.indicators = [fullIndicator({ id: 'x.one', label }), fullIndicator({ id: 'x.two', label }), fullIndicator({ id: 'x.three', label: label.toUpperCase() })];
    const wb = readWorkbook(await xlsxBytes({ ...assessmentMeta(a), title: 'Title & <more>', contact: 'a@b <c>' }, assessmentTables(a)));
    for (const [name, xml] of wb.files) if (name.endsWith('.xml') || name.endsWith('.rels')) expect(() => parseXml(xml), name).not.toThrow();
    // The labels are cells of the long tables; headings that clash are made unique (Excel needs unique names).
    const sheet = wb.sheet('Indicators');
    const header = splitRef(sheet.table!.ref.split(':')[0]!).row;
    const labelCol = colLetters(sheet.table!.columns.indexOf('Indicator'));
    expect(sheet.cells.get(`${labelCol}${header + 1}`)?.value).toBe('Crime <&> "quoted"  bell\nnew line');
    sheet.table!.columns.forEach((name, c) => expect(sheet.cells.get(`${colLetters(c)}${header}`)?.value).toBe(name));
    const clash: DataTable = {
      id: 'Clash',
      title: 'Headings that clash',
      description: 'For the tests.',
      columns: [label, label, label.toUpperCase()].map((heading, k) => ({ key: `c${k}`, heading, unit: 'count', decimals: 0 })),
      rows: [[1, 2, 3]],
      symbols: [[null, null, null]],
      notes: [],
    };
    const clashed = readWorkbook(await xlsxBytes(assessmentMeta(a), [clash])).sheet('Clash');
    expect(clashed.table!.columns).toEqual([
      'Crime <&> "quoted" bell new line (count)',
      'Crime <&> "quoted" bell new line (count) (2)',
      'CRIME <&> "QUOTED" BELL NEW LINE (count) (3)',
    ]);
    expect(wb.sheet('Cover').cells.get('A1')!.value).toBe('Title & <more>');
  });
});

describe('reproducible bytes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes byte-identical files at different times of day', async () => {
    const a = smallAssessment();
    const tables = assessmentTables(a);
    const dir = tempDir();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T09:00:00Z'));
    await writeXlsx(join(dir, 'one.xlsx'), assessmentMeta(a), tables);
    vi.setSystemTime(new Date('2031-07-15T17:43:21Z'));
    await writeXlsx(join(dir, 'two.xlsx'), assessmentMeta(a), tables);
    vi.useRealTimers();
    const one = readFileSync(join(dir, 'one.xlsx'));
    const two = readFileSync(join(dir, 'two.xlsx'));
    expect(one.length).toBeGreaterThan(1000);
    expect(one.equals(two)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['one.xlsx', 'two.xlsx']); // no temporaries left
  });

  it('uses the given timestamp (e.g. SOURCE_DATE_EPOCH) for the properties and the zip entries', async () => {
    const a = smallAssessment();
    const when = new Date(1_500_000_000 * 1000); // 2017-07-14T02:40:00Z
    const bytes = await xlsxBytes(assessmentMeta(a, { timestamp: when }), assessmentTables(a));
    expect(readWorkbook(bytes).files.get('docProps/core.xml')).toContain('2017-07-14T02:40:00Z');
    for (const e of readZip(bytes)) expect(e.modified.toISOString()).toBe('2017-07-14T02:40:00.000Z');
  });

  it('setZipTimestamps changes nothing but the times', async () => {
    const bytes = await xlsxBytes(assessmentMeta(smallAssessment()), assessmentTables(smallAssessment()));
    const later = setZipTimestamps(bytes, new Date('2020-02-29T13:14:16Z'));
    const diff = [...bytes].filter((b, i) => later[i] !== b).length;
    expect(later.length).toBe(bytes.length);
    expect(diff).toBeGreaterThan(0);
    expect(readZip(later).map((e) => [e.name, Buffer.from(e.data).toString('base64')])).toEqual(readZip(bytes).map((e) => [e.name, Buffer.from(e.data).toString('base64')]));
    for (const e of readZip(later)) expect(e.modified.toISOString()).toBe('2020-02-29T13:14:16.000Z');
  });
});

describe('report workbook', () => {
  it('has the report tables, with suppressed and missing periods as symbols', async () => {
    const r = smallReport();
    const tables: DataTable[] = reportTables(r);
    const wb = readWorkbook(await xlsxBytes(reportMeta(r), tables));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Cover', 'Contents', 'Notes', 'Quarter_summary', 'Exceptions', 'Indicators', 'SPC_monthly', 'SPC_limits', 'SPC_signals']);
    const summary = wb.sheet('Quarter_summary');
    const forced = tableRow(summary, 'hidden.forced-marriage');
    expect(forced.get('This quarter: count')).toBe('[c]');
    expect(forced.get('Year to date: count')).toBe(9);
    expect(forced.get('Same period last year: count')).toBe(0);
    expect(tableRow(summary, 'treatment.completions').get('This quarter: value')).toBe('[x]');
    expect(readZip(await xlsxBytes(reportMeta(r), tables))[0]!.modified.toISOString()).toBe('2017-01-31T00:00:00.000Z');
  });
});
