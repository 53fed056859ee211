/**
 * The data tables as one accessible spreadsheet, following the Analysis Function's "Releasing statistics in
 * spreadsheets" guidance (Government Analysis Function / GSS, 2021 onwards):
 *
 * - a Cover sheet (title, what it contains, partnership, area, period, data as at, source, contact, marking), a
 *   Contents sheet listing every sheet with its title (sheet names are links), and a Notes sheet (the GSS symbols
 *   [c] [x] [z] [p] [r], the methods in a sentence or two each, and notes about the data);
 * - one table per sheet: the title in A1 as plain text, a line saying the size of the table and where its notes are,
 *   the notes one to a cell in column A, then the table: a header row and the data, no blank rows or columns, no
 *   merged cells; each table is marked up as an Excel table (a screen reader announces its headers) named after
 *   its sheet; numbers are stored as numbers at full precision with a display format, a figure not shown is its
 *   symbol as text, right-aligned like the numbers; column widths are set; sheet names are short and meaningful.
 *
 * Written by write-excel-file (one dependency, fflate); what it does not do is added through its "features" hook:
 * document properties (title, creator, language, dates), internal hyperlinks and Excel tables.
 *
 * Reproducible: the same tables and meta give the same bytes. The workbook's created and modified dates are the
 * document's date (`timestamp`, else `dataAsAt` at midnight UTC), and every ZIP entry is stamped with the same
 * time (./zip.ts), since the ZIP writer stamps the time of the run.
 */
import type { Blob } from 'node:buffer';
import type { Stream } from 'node:stream';
import writeExcelFile, { type Cell, type CellObject, type Feature, type Sheet, type SheetData } from 'write-excel-file/node';
import { findElement, getOrderOfSiblings, insertElementMarkupAccordingToOrderOfSiblings } from 'write-excel-file/utility';
import type { Assessment, IndicatorResult, Report } from '../../model/contract.js';
import { writeFileAtomic } from '../../files/atomic.js';
import { escapeXml } from '../charts/svg.js';
import { GSS, longDate } from '../format.js';
import { METHODS } from '../reference-text.js';
import { headingWithUnit, symbolAt, type DataTable, type TableColumn } from './tables.js';
import { setZipTimestamps } from './zip.js';

/** What the Cover sheet and the document properties say about the workbook. */
export interface XlsxMeta {
  /** e.g. "Strategic assessment 2016/17: data tables". */
  title: string;
  /** One or two sentences on what the workbook holds; a default is written from the title when absent. */
  description?: string;
  partnership: string;
  /** e.g. "Castlebridge (E08099001)". */
  area?: string;
  /** The period the figures cover, e.g. "2016/17 (1 April 2016 to 31 March 2017)". */
  period: string;
  /** ISO date YYYY-MM-DD: the date of the run, fixed by --date or SOURCE_DATE_EPOCH. */
  dataAsAt: string;
  /** Where the figures come from, one source a line. */
  sources?: string[];
  /** Who to ask about the figures; when absent the cover says none was configured. */
  contact?: string | null;
  /** e.g. OFFICIAL. */
  protectiveMarking?: string | null;
  /** e.g. "swp 0.1.0". */
  generator?: string;
  /** Notes about the data for the Notes sheet (e.g. the document's warnings). */
  notes?: string[];
  /** The time stamped in the workbook; default: `dataAsAt` at 00:00 UTC. */
  timestamp?: Date;
}

const COVER = 'Cover';
const CONTENTS = 'Contents';
const NOTES = 'Notes';
const RESERVED = new Set([COVER, CONTENTS, NOTES, 'history'].map((s) => s.toLowerCase()));
const ILLEGAL_SHEET_CHARACTERS = /[[\]/\\:*?]/;

const ACRONYMS = new Set(['spc', 'rag', 'csp', 'asb', 'ytd']);

/** The sheet name of a table: its id with a capital first letter and acronyms in capitals ("Trend_by_year", "SPC_limits"). */
export function sheetNameOf(table: Pick<DataTable, 'id'>): string {
  return table.id
    .split('_')
    .map((w, i) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join('_');
}

function checkSheetNames(tables: DataTable[]): string[] {
  const seen = new Set<string>(RESERVED);
  return tables.map((t) => {
    const name = sheetNameOf(t);
    if (name.length === 0 || name.length > 31 || ILLEGAL_SHEET_CHARACTERS.test(name) || /^'|'$/.test(name)) {
      throw new Error(`table "${t.id}" does not make a valid sheet name (1 to 31 characters, none of []/\\:*?)`);
    }
    if (seen.has(name.toLowerCase())) throw new Error(`table "${t.id}" gives the sheet name "${name}", which is taken`);
    seen.add(name.toLowerCase());
    return name;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cells

const TITLE: Partial<CellObject> = { fontWeight: 'bold', fontSize: 15 };
const SUBHEADING: Partial<CellObject> = { fontWeight: 'bold', fontSize: 12 };
const HEADER: Partial<CellObject> = { fontWeight: 'bold', wrap: true, alignVertical: 'top' };
// GOV.UK link colour (5.2:1 on white), underlined: a link is not told by colour alone.
const LINK: Partial<CellObject> = { textColor: '#1D70B8', textDecoration: { underline: true } };

const text = (value: string, style: Partial<CellObject> = {}): CellObject => ({ ...style, value, type: String });

function numberFormat(decimals: number | undefined): string | undefined {
  if (decimals === undefined) return undefined;
  if (decimals <= 0) return '#,##0';
  return `#,##0.${'0'.repeat(decimals)}`;
}

/** Rough width in characters of a cell as shown, for column widths. */
function shownLength(value: string | number | null, column: TableColumn, symbol: string): number {
  if (value === null) return symbol.length;
  if (typeof value === 'string') return value.length;
  const d = column.decimals;
  const shown = d === undefined ? String(value) : value.toLocaleString('en-GB', { minimumFractionDigits: Math.max(0, d), maximumFractionDigits: Math.max(0, d) });
  return shown.length;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

// Characters XML 1.0 forbids or discourages, which write-excel-file strips from cell text: an Excel table's column
// names must equal its header cells exactly, so they are stripped from headings before either is written.
// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFDD0-\uFDEF\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Header texts of a table: on one line, writable, and unique (Excel tables need unique column names, compared without case). */
function uniqueHeadings(columns: TableColumn[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const base = headingWithUnit(c).replace(UNWRITABLE, '').replace(/\s+/g, ' ').trim() || 'Column';
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    seen.set(name.toLowerCase(), 1);
    return name;
  });
}

/** A1-style column letters of a 0-based column index. */
function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Sheets

interface ExcelTable {
  /** 1-based row of the header. */
  headerRow: number;
  lastRow: number;
  headings: string[];
  name: string;
}

interface PlannedSheet {
  name: string;
  data: SheetData;
  widths: number[];
  table: ExcelTable | null;
  /** Internal links: cell reference → sheet name. */
  links: { ref: string; sheet: string; display: string }[];
}

/** A sheet of text lines above a table (title, notes) and one table, in columns from A. */
function tableSheet(name: string, above: Cell[][], headings: string[], body: Cell[][], widths: number[], tableName: string): PlannedSheet {
  const data: SheetData = [...above, headings.map((h) => text(h, HEADER)), ...body];
  const headerRow = above.length + 1;
  return {
    name,
    data,
    widths,
    table: body.length > 0 ? { headerRow, lastRow: headerRow + body.length, headings, name: tableName } : null,
    links: [],
  };
}

function dataSheet(table: DataTable, name: string, meta: XlsxMeta): PlannedSheet {
  const headings = uniqueHeadings(table.columns);
  const notes = table.notes.map((n, i) => [text(`Note ${i + 1}: ${n}`)]);
  const source = meta.sources && meta.sources.length > 0 ? [[text(`Source: ${meta.sources.join('; ')}.`)]] : [];
  const aboveCount = 3 + notes.length + source.length;
  const sizeLine =
    `This worksheet contains one table of ${table.rows.length} ${table.rows.length === 1 ? 'row' : 'rows'} and ${table.columns.length} columns, ` +
    `with its header in row ${aboveCount + 1}. ` +
    (notes.length === 0 ? 'The table has no notes.' : `The table has ${notes.length} ${notes.length === 1 ? 'note' : 'notes'}, in the ${notes.length === 1 ? 'row' : 'rows'} below.`);
  const above: Cell[][] = [[text(table.title, TITLE)], [text(table.description)], [text(sizeLine)], ...notes, ...source];

  const body: CellObject[][] = table.rows.map((row, r) =>
    row.map((v, c): CellObject => {
      const column = table.columns[c]!;
      if (v === null) return text(symbolAt(table, r, c), { align: 'right' });
      if (typeof v === 'number') {
        const format = numberFormat(column.decimals);
        return format ? { value: v, type: Number, format } : { value: v, type: Number };
      }
      // Dates as real dates (issue 15): a pivot table groups them by month or year, a formula can subtract them.
      if (column.type === 'date' && ISO_DATE.test(v)) return { value: new Date(`${v}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
      return text(v);
    }),
  );

  const widths = table.columns.map((column, c) => {
    const heading = headings[c]!;
    // Headers wrap: aim for two lines, but never split the longest word.
    const longestWord = Math.max(...heading.split(' ').map((w) => w.length));
    let width = Math.max(longestWord, Math.ceil(heading.length / 2));
    table.rows.forEach((row, r) => {
      width = Math.max(width, shownLength(row[c] ?? null, column, symbolAt(table, r, c)));
    });
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
  });
  // Long texts wrap rather than being cut off by the next column.
  body.forEach((row) =>
    row.forEach((cell, c) => {
      if (typeof cell.value === 'string' && cell.value.length > MAX_WIDTH - 2 && widths[c] === MAX_WIDTH) cell.wrap = true;
    }),
  );
  return tableSheet(name, above, headings, body, widths, `${name}_table`);
}

function coverSheet(meta: XlsxMeta, tableCount: number): PlannedSheet {
  const rows: Cell[][] = [];
  const line = (s: string, style: Partial<CellObject> = {}) => rows.push([text(s, { ...style, wrap: true, alignVertical: 'top' })]);
  const section = (heading: string, ...lines: string[]) => {
    line(heading, SUBHEADING);
    for (const l of lines) line(l);
  };
  line(meta.title, TITLE);
  line(
    meta.description ??
      `This spreadsheet holds the figures behind the charts and tables of the document, ${tableCount} ${tableCount === 1 ? 'table' : 'tables'} in all, one to a worksheet, so that they can be reused. A CSV file of each table is published beside it.`,
  );
  section('Partnership', meta.partnership);
  if (meta.area) section('Area', meta.area);
  section('Period covered', meta.period);
  section('Data as at', longDate(meta.dataAsAt));
  section('Source', ...(meta.sources && meta.sources.length > 0 ? meta.sources : ['The data files named in the partnership’s workspace.']));
  section('Contact', meta.contact?.trim() ? meta.contact.trim() : 'No contact is set in the workspace configuration: ask the community safety partnership’s analyst.');
  if (meta.protectiveMarking) section('Protective marking', meta.protectiveMarking);
  section(
    'Using this spreadsheet',
    'The Contents worksheet lists every worksheet; select a sheet name to go to it. The Notes worksheet explains the symbols used in place of numbers, and the methods.',
    'Numbers are stored at full precision and shown rounded; no figure is shown as 0 to hide it: [c] marks a figure withheld to protect the people counted, [x] one that is not available and [z] one that does not apply.',
  );
  if (meta.generator) section('Produced by', `${meta.generator}, from the partnership’s data files.`);
  return { name: COVER, data: rows, widths: [100], table: null, links: [] };
}

function contentsSheet(entries: { sheet: string; title: string; description: string }[]): PlannedSheet {
  const above: Cell[][] = [
    [text('Contents', TITLE)],
    [text(`This worksheet contains one table of ${entries.length} rows: every worksheet after this one, with its title. Select a sheet name to go to that worksheet.`)],
  ];
  const headings = ['Sheet name', 'Title', 'Description'];
  const body = entries.map((e) => [text(e.sheet, LINK), text(e.title), text(e.description)]);
  const widths = [
    Math.max(12, ...entries.map((e) => e.sheet.length + 2)),
    Math.min(70, Math.max(12, ...entries.map((e) => e.title.length + 2))),
    MAX_WIDTH * 2,
  ];
  const sheet = tableSheet(CONTENTS, above, headings, body, widths, 'Contents_table');
  sheet.links = entries.map((e, i) => ({ ref: `A${above.length + 2 + i}`, sheet: e.sheet, display: e.sheet }));
  return sheet;
}

function notesSheet(meta: XlsxMeta): PlannedSheet {
  const notes: [string, string][] = [
    [`Symbol ${GSS.suppressed}`, 'Confidential: the figure is withheld to protect the people counted (a small count, or a figure from which one could be worked out). It is never shown as 0.'],
    [`Symbol ${GSS.notAvailable}`, 'Not available: there are no data for the period, or the figure could not be computed.'],
    [`Symbol ${GSS.notApplicable}`, 'Not applicable: the figure does not exist for that row (for example, no target is set).'],
    [`Symbol ${GSS.provisional}`, 'Provisional: the figure may be revised when the source publishes final data.'],
    [`Symbol ${GSS.revised}`, 'Revised: the figure has been revised since it was first published.'],
    ...METHODS.map((m): [string, string] => [`Method: ${m.name}`, `${m.text} Source: ${m.source}`]),
    ...(meta.notes ?? []).map((n): [string, string] => ['About the data', n]),
  ];
  const above: Cell[][] = [
    [text('Notes', TITLE)],
    [text(`This worksheet contains one table of ${notes.length} notes: the symbols used in the tables in place of numbers, the methods, and notes about the data.`)],
  ];
  const headings = ['Note number', 'Subject', 'Note text'];
  const body = notes.map(([subject, note], i) => [text(`[note ${i + 1}]`), text(subject), text(note, { wrap: true, alignVertical: 'top' })]);
  const widths = [13, Math.min(50, Math.max(12, ...notes.map(([s]) => s.length + 2))), 100];
  return tableSheet(NOTES, above, headings, body, widths, 'Notes_table');
}

// ---------------------------------------------------------------------------------------------------------------
// The "feature" adding document properties, hyperlinks and Excel tables

const attr = (s: string): string => escapeXml(s);

function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function corePropertiesXml(meta: XlsxMeta, when: Date): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${attr(meta.title)}</dc:title>` +
    `<dc:subject>${attr(`${meta.partnership}, ${meta.period}`)}</dc:subject>` +
    `<dc:creator>${attr(meta.partnership)}</dc:creator>` +
    `<cp:keywords>${attr('community safety; crime; statistics; data tables')}</cp:keywords>` +
    `<dc:description>${attr(meta.description ?? `Data tables for ${meta.title}`)}</dc:description>` +
    `<dc:language>en-GB</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(when)}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(when)}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function tableXml(t: ExcelTable, id: number): string {
  const ref = `A${t.headerRow}:${columnLetters(t.headings.length - 1)}${t.lastRow}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${attr(t.name)}" displayName="${attr(t.name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<tableColumns count="${t.headings.length}">${t.headings.map((h, i) => `<tableColumn id="${i + 1}" name="${attr(h)}"/>`).join('')}</tableColumns>` +
    '<tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    '</table>'
  );
}

const TABLE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';
const CORE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties';

function insertBeforeClosing(xml: string, tag: string, markup: string): string {
  const at = xml.lastIndexOf(`</${tag}>`);
  if (at >= 0) return xml.slice(0, at) + markup + xml.slice(at);
  // A self-closing root (no children yet).
  const self = xml.search(new RegExp(`<${tag}(\\s[^>]*)?/>`));
  if (self < 0) throw new Error(`xlsx: no <${tag}> element to add to`);
  const end = xml.indexOf('/>', self);
  return `${xml.slice(0, end)}>${markup}</${tag}>${xml.slice(end + 2)}`;
}

/** What write-excel-file/node accepts as file content. */
type FileContent = Stream | Buffer | Blob;

function workbookFeature(plan: PlannedSheet[], meta: XlsxMeta, when: Date): Feature<FileContent> {
  // Excel table ids are unique in the workbook, numbered in sheet order.
  const tableIds = new Map<number, number>();
  plan.forEach((s, i) => {
    if (s.table) tableIds.set(i, tableIds.size + 1);
  });
  const worksheetOrder = getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet') ?? [];
  return {
    files: {
      transform: {
        '[Content_Types].xml': {
          transform: (xml: string) =>
            insertBeforeClosing(
              xml,
              'Types',
              '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
                [...tableIds.values()].map((id) => `<Override PartName="/xl/tables/table${id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`).join(''),
            ),
        },
        '_rels/.rels': {
          transform: (xml: string) => insertBeforeClosing(xml, 'Relationships', `<Relationship Id="rIdSwpCore" Type="${CORE_REL}" Target="docProps/core.xml"/>`),
        },
        'xl/worksheets/sheet{id}.xml': {
          transform: (xml: string, _options: unknown, { sheetIndex }: { sheetIndex: number }) => {
            const sheet = plan[sheetIndex]!;
            let out = xml;
            if (sheet.links.length > 0) {
              const links = sheet.links.map((l) => `<hyperlink ref="${l.ref}" location="${attr(`'${l.sheet}'!A1`)}" display="${attr(l.display)}"/>`).join('');
              out = insertElementMarkupAccordingToOrderOfSiblings(out, `<hyperlinks>${links}</hyperlinks>`, worksheetOrder, 'worksheet');
            }
            if (sheet.table) {
              if (!findElement(out, 'worksheet')) throw new Error('xlsx: worksheet element not found');
              out = insertElementMarkupAccordingToOrderOfSiblings(out, `<tableParts count="1"><tablePart r:id="rIdSwpTable"/></tableParts>`, worksheetOrder, 'worksheet');
            }
            return out;
          },
        },
        'xl/worksheets/_rels/sheet{id}.xml.rels': {
          transform: (xml: string, _options: unknown, { sheetIndex }: { sheetIndex: number }) => {
            const id = tableIds.get(sheetIndex);
            if (id === undefined) return xml;
            return insertBeforeClosing(xml, 'Relationships', `<Relationship Id="rIdSwpTable" Type="${TABLE_REL}" Target="../tables/table${id}.xml"/>`);
          },
        },
      },
      write: {
        files: () => {
          const files: Record<string, string> = { 'docProps/core.xml': corePropertiesXml(meta, when) };
          plan.forEach((s, i) => {
            const id = tableIds.get(i);
            if (s.table && id !== undefined) files[`xl/tables/table${id}.xml`] = tableXml(s.table, id);
          });
          return files;
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** The moment stamped in the workbook: `timestamp`, else `dataAsAt` at midnight UTC. */
export function workbookTime(meta: Pick<XlsxMeta, 'dataAsAt' | 'timestamp'>): Date {
  const when = meta.timestamp ?? new Date(`${meta.dataAsAt.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(when.getTime())) throw new Error(`xlsx: invalid date "${meta.dataAsAt}"`);
  return when;
}

/** The workbook's bytes: Cover, Contents, Notes, then one sheet per table. */
export async function xlsxBytes(meta: XlsxMeta, tables: DataTable[]): Promise<Uint8Array> {
  const names = checkSheetNames(tables);
  const when = workbookTime(meta);
  const plan: PlannedSheet[] = [
    coverSheet(meta, tables.length),
    contentsSheet([
      { sheet: NOTES, title: 'Notes', description: 'The symbols used in place of numbers, the methods, and notes about the data.' },
      ...tables.map((t, i) => ({ sheet: names[i]!, title: t.title, description: t.description })),
    ]),
    notesSheet(meta),
    ...tables.map((t, i) => dataSheet(t, names[i]!, meta)),
  ];
  const sheets: Sheet<FileContent>[] = plan.map((s) => ({ data: s.data, sheet: s.name, columns: s.widths.map((width) => ({ width })) }));
  const buffer = await writeExcelFile(sheets, { fontFamily: 'Arial', fontSize: 11, features: [workbookFeature(plan, meta, when)] }).toBuffer();
  return setZipTimestamps(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), when);
}

/** Write the workbook to `path` atomically. */
export async function writeXlsx(path: string, meta: XlsxMeta, tables: DataTable[]): Promise<void> {
  await writeFileAtomic(path, await xlsxBytes(meta, tables));
}

// ---------------------------------------------------------------------------------------------------------------
// Meta for the two documents

const GROUP_SOURCES: [IndicatorResult['group'], string][] = [
  ['recorded-crime', 'Police recorded crime: police.uk street-level crime data, and the Home Office police recorded crime tables for England and Wales'],
  ['anti-social-behaviour', 'Anti-social behaviour incidents: police.uk street-level data'],
  ['reoffending', 'Proven reoffending: Ministry of Justice proven reoffending statistics'],
  ['youth-justice', 'First-time entrants: Ministry of Justice and Youth Justice Board youth justice statistics'],
  ['hidden-crime', 'Hidden crime: reports and referrals supplied to the partnership'],
  ['treatment', 'Drug and alcohol treatment: National Drug Treatment Monitoring System'],
];

/** One line per kind of source the document's indicators use, and the population estimates behind rates. */
export function sourcesOf(indicators: IndicatorResult[]): string[] {
  const groups = new Set(indicators.map((i) => i.group));
  const lines = GROUP_SOURCES.filter(([g]) => groups.has(g)).map(([, s]) => s);
  if (indicators.some((i) => i.unit.startsWith('per '))) lines.push('Population: Office for National Statistics mid-year population estimates');
  return lines;
}

export interface MetaOptions {
  contact?: string | null;
  protectiveMarking?: string | null;
  sources?: string[];
  timestamp?: Date;
}

const periodText = (p: { label: string; start: string; end: string }): string => `${p.label} (${longDate(p.start)} to ${longDate(p.end)})`;

/** Cover-sheet meta of the strategic assessment's workbook. */
export function assessmentMeta(a: Assessment, options: MetaOptions = {}): XlsxMeta {
  return {
    title: `Strategic assessment ${a.period.label}: data tables — ${a.partnership.name}`,
    partnership: a.partnership.name,
    area: `${a.area.name} (${a.area.code})`,
    period: periodText(a.period),
    dataAsAt: a.dataAsAt,
    sources: options.sources ?? sourcesOf(a.indicators),
    contact: options.contact ?? null,
    protectiveMarking: options.protectiveMarking ?? null,
    generator: `${a.generator.name} ${a.generator.version}`,
    notes: a.warnings,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  };
}

/** Cover-sheet meta of the quarterly performance report's workbook. */
export function reportMeta(r: Report, options: MetaOptions = {}): XlsxMeta {
  return {
    title: `Performance report ${r.period.label}: data tables — ${r.partnership.name}`,
    partnership: r.partnership.name,
    area: `${r.area.name} (${r.area.code})`,
    period: `${r.period.label}; ${r.yearToDate.label}`,
    dataAsAt: r.dataAsAt,
    sources: options.sources ?? sourcesOf(r.indicators),
    contact: options.contact ?? null,
    protectiveMarking: options.protectiveMarking ?? null,
    generator: `${r.generator.name} ${r.generator.version}`,
    notes: r.warnings,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  };
}
