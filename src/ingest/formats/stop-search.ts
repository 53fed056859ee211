/**
 * police.uk stop-and-search files (`YYYY-MM-<force>-stop-and-search.csv`), read by header:
 * `Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,
 * Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,
 * Outcome linked to object of search,Removal of more than just outer clothing`.
 *
 * The file has no force column (the force is in the file name) and no LSOA: a search is placed by its coordinates,
 * where given. Its month is the month of its date in UK local time, as police.uk files it: a search at
 * 2019-05-31T23:01+00:00 is 00:01 on 1 June in British Summer Time and is in the June file.
 */
import type { FileSummary, SourceRef } from '../../model/data.js';
import type { ColumnSpec } from '../header.js';
import { readTable, tidyText, type FormatReadOptions, type Layout, type RowContext } from './table-reader.js';

/** One search, as much of it as the analysis uses. */
export interface StopSearch {
  /** YYYY-MM in UK local time. */
  month: string;
  type: string;
  latitude: number | null;
  longitude: number | null;
  gender: string;
  ageRange: string;
  /** As written, e.g. "Black/African/Caribbean/Black British - Any other Black…"; '' when not recorded. */
  selfDefinedEthnicity: string;
  /** White, Black, Asian, Other, or '' when not recorded. */
  officerDefinedEthnicity: string;
  objectOfSearch: string;
  outcome: string;
  /** Whether the outcome was linked to the object of search; null where the file leaves it blank. */
  outcomeLinked: boolean | null;
  source: SourceRef;
}

export const STOP_SEARCH_FORMAT_NAME = 'police.uk stop and search';

export const STOP_SEARCH_COLUMNS: ColumnSpec[] = [
  { name: 'type', aliases: ['type'], required: true },
  { name: 'date', aliases: ['date'], required: true },
  { name: 'latitude', aliases: ['latitude'], required: true },
  { name: 'longitude', aliases: ['longitude'], required: true },
  { name: 'gender', aliases: ['gender'], required: true },
  { name: 'age_range', aliases: ['age range'], required: true },
  { name: 'self_defined_ethnicity', aliases: ['self-defined ethnicity'], required: true },
  { name: 'officer_defined_ethnicity', aliases: ['officer-defined ethnicity'], required: true },
  { name: 'object_of_search', aliases: ['object of search'], required: true },
  { name: 'outcome', aliases: ['outcome'], required: true },
  { name: 'outcome_linked', aliases: ['outcome linked to object of search'], required: true },
];

/** ISO 8601 date-time with an offset (police.uk writes +00:00). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

// UK local time (GMT/BST), as police.uk assigns searches to months.
const UK_MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' });

/** The UK-local month of an ISO date-time, or null when it is not one. */
export function ukMonth(raw: string): string | null {
  if (!ISO_DATE_TIME.test(raw)) return null;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) return null;
  const parts = UK_MONTH.formatToParts(new Date(t));
  const year = parts.find((p) => p.type === 'year')?.value;
  const month = parts.find((p) => p.type === 'month')?.value;
  return year && month ? `${year}-${month}` : null;
}

function month(ctx: RowContext): string | null {
  const raw = tidyText(ctx.raw('date'));
  const m = ukMonth(raw);
  if (m === null) {
    ctx.problem('date', {
      message: 'the date is not a date and time',
      expected: 'an ISO 8601 date and time with its offset, e.g. 2019-06-01T14:30:00+00:00',
      hint: 'police.uk writes dates this way; a file opened and saved in Excel may have changed them: download it again',
    });
  }
  return m;
}

/** A coordinate: a number in range, or null when blank (police.uk leaves searches without a location blank). */
function coordinate(ctx: RowContext, col: 'latitude' | 'longitude'): number | null | undefined {
  const raw = ctx.raw(col).trim();
  if (raw === '') return null;
  const v = Number(raw);
  const [min, max] = col === 'latitude' ? [-90, 90] : [-180, 180];
  if (!Number.isFinite(v) || v < min || v > max) {
    ctx.problem(col, { message: `the ${col} is not a coordinate`, expected: `a number from ${min} to ${max}, or an empty cell`, hint: 'police.uk gives decimal degrees (WGS84)' });
    return undefined;
  }
  return v;
}

/** True, False or blank (police.uk leaves it blank for searches with no further action). */
function linked(ctx: RowContext): boolean | null | undefined {
  const raw = tidyText(ctx.raw('outcome_linked')).toLowerCase();
  if (raw === '') return null;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  ctx.problem('outcome_linked', { message: 'not True or False', expected: 'True, False or an empty cell', hint: 'police.uk writes True or False' });
  return undefined;
}

function parseRow(ctx: RowContext, file: string): StopSearch | null {
  const m = month(ctx);
  const latitude = coordinate(ctx, 'latitude');
  const longitude = coordinate(ctx, 'longitude');
  const isLinked = linked(ctx);
  if (m === null || latitude === undefined || longitude === undefined || isLinked === undefined) return null;
  return {
    month: m,
    type: tidyText(ctx.raw('type')),
    latitude,
    longitude,
    gender: tidyText(ctx.raw('gender')),
    ageRange: tidyText(ctx.raw('age_range')),
    selfDefinedEthnicity: tidyText(ctx.raw('self_defined_ethnicity')),
    officerDefinedEthnicity: tidyText(ctx.raw('officer_defined_ethnicity')),
    objectOfSearch: tidyText(ctx.raw('object_of_search')),
    outcome: tidyText(ctx.raw('outcome')),
    outcomeLinked: isLinked,
    source: { file, line: ctx.line },
  };
}

/**
 * Read one stop-and-search file.
 *
 * @throws SwpError(INPUT) for a header that does not match, a file without data rows, or any bad rows.
 */
export async function readStopSearch(path: string, options: FormatReadOptions = {}): Promise<{ rows: StopSearch[]; summary: FileSummary }> {
  const file = options.displayPath ?? path;
  const rows: StopSearch[] = [];
  const layout: Layout = { id: 'police-uk-stop-search', formatName: STOP_SEARCH_FORMAT_NAME, columns: STOP_SEARCH_COLUMNS };
  await readTable(path, options, [layout], (ctx) => {
    const row = parseRow(ctx, file);
    if (row) rows.push(row);
  });
  const months = rows.map((r) => r.month).sort();
  const summary: FileSummary = { file, kind: 'police-uk-stop-search', rows: rows.length };
  if (months.length > 0) Object.assign(summary, { firstPeriod: months[0], lastPeriod: months.at(-1) });
  return { rows, summary };
}
