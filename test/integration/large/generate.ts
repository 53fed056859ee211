/**
 * A seeded generator of large police.uk street-level files for the memory tests. It streams rows to disk in batches
 * with back-pressure, so the test process never holds the file either.
 *
 * The rows look like a force-wide bulk file: ten local authorities of 150 LSOAs each (the partnership, Castlebridge,
 * is one of them, so about a tenth of rows are in the area), 36 months sorted by month, a quarter anti-social
 * behaviour (no Crime ID), 0.7% "No Location" rows, 64-hex-digit Crime IDs, outcome strings as published.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { CRIME_TYPES } from '../../../src/model/data.js';

export const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

/** Local authorities in the generated force; the partnership is the first. */
export const AUTHORITIES = ['Castlebridge', 'Hollinbury', 'Westbrook', 'Ashvale', 'Brackenmoor', 'Cinderford', 'Dunmere', 'Eastwick', 'Fallowden', 'Greystone'];
const LSOAS_PER_AUTHORITY = 150;
const MONTHS = 36; // April 2014 to March 2017
const STREETS = ['Mill Lane', 'Kingfisher Grove', 'Brewery Grove', 'Station Road', 'High Street', 'Supermarket', 'Parking Area', 'Nightclub', 'Church Street', 'Park Road'];
const OUTCOMES = [
  'Investigation complete; no suspect identified',
  'Unable to prosecute suspect',
  'Offender given a caution',
  'Under investigation',
  'Awaiting court outcome',
  'Local resolution',
  'Status update unavailable',
];
const ASB = CRIME_TYPES.indexOf('Anti-social behaviour');

/** sfc32, seeded: the same seed writes the same bytes. */
function sfc32(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

export function monthOf(index: number): string {
  const m = 3 + index; // 0 = April 2014
  return `${2014 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

export interface GenerateOptions {
  rows: number;
  seed?: number;
  /** 1-based physical line (the header is line 1) whose Month is replaced by `badMonth`. */
  badLine?: number;
  badMonth?: string;
  /** Share of rows in the partnership (default 0.1, one authority of ten; 1 puts every row in the area). */
  inAreaShare?: number;
  /** A 1-based line whose Month field's byte offset is returned (to patch it in place later). */
  markLine?: number;
}

/** What was written, counted as it was written (an independent check of the reader's tallies). */
export interface Generated {
  bytes: number;
  rows: number;
  /** Rows in the partnership (all have distinct Crime IDs or are anti-social behaviour). */
  inArea: number;
  outOfArea: number;
  noLocation: number;
  /** Byte offset of the Month field of `markLine`, if asked (single-file output only). */
  monthOffset?: number;
}

interface Row {
  month: string;
  /** The row with its "\n"; ASCII only, so its length is its size in bytes. */
  text: string;
  /** Length of the Crime ID field (the Month starts one byte after it). */
  idLength: number;
}

/** The rows, in order; `stats` is filled in as they are produced. */
function* generateRows(options: GenerateOptions, stats: Generated): Generator<Row> {
  const rand = sfc32(options.seed ?? 42);
  const unit = () => rand() / 4294967296;
  const hex8 = () => rand().toString(16).padStart(8, '0');
  const share = options.inAreaShare ?? 0.1;
  for (let i = 0; i < options.rows; i++) {
    const line = i + 2;
    const month = line === options.badLine ? (options.badMonth ?? '2016-13') : monthOf(Math.floor((i * MONTHS) / options.rows));
    const type = unit() < 0.25 ? ASB : rand() % CRIME_TYPES.length;
    const id = type === ASB ? '' : hex8() + hex8() + hex8() + hex8() + hex8() + hex8() + hex8() + hex8();
    let fields: string[];
    if (unit() < 0.007) {
      stats.noLocation++;
      fields = [id, month, 'Midshire Police', 'Midshire Police', '', '', 'No Location', '', '', CRIME_TYPES[type]!, type === ASB ? '' : OUTCOMES[rand() % OUTCOMES.length]!, ''];
    } else {
      const la = unit() < share ? 0 : 1 + (rand() % (AUTHORITIES.length - 1));
      if (la === 0) stats.inArea++;
      else stats.outOfArea++;
      const k = rand() % LSOAS_PER_AUTHORITY;
      const code = `E01${String(100000 + la * LSOAS_PER_AUTHORITY + k).padStart(6, '0')}`;
      const name = `${AUTHORITIES[la]} ${String(1 + Math.floor(k / 4)).padStart(3, '0')}${'ABCD'[k % 4]}`;
      const lon = (-1.9 + unit() * 0.2).toFixed(6);
      const lat = (52.8 + unit() * 0.1).toFixed(6);
      fields = [id, month, 'Midshire Police', 'Midshire Police', lon, lat, `On or near ${STREETS[rand() % STREETS.length]}`, code, name, CRIME_TYPES[type]!, type === ASB ? '' : OUTCOMES[rand() % OUTCOMES.length]!, ''];
    }
    yield { month, text: `${fields.join(',')}\n`, idLength: id.length };
  }
}

/** Writes batches of text to a file stream, waiting for 'drain' when its buffer is full. */
class BatchWriter {
  private readonly out: WriteStream;
  private batch: string[] = [];
  constructor(path: string, first: string) {
    this.out = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.batch.push(first);
  }
  async write(text: string): Promise<void> {
    this.batch.push(text);
    if (this.batch.length < 4096) return;
    const chunk = this.batch.join('');
    this.batch = [];
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    this.out.end(this.batch.join(''));
    this.batch = [];
    await once(this.out, 'finish');
  }
}

const newStats = (rows: number): Generated => ({ bytes: 0, rows, inArea: 0, outOfArea: 0, noLocation: 0 });

/** Write one file (like a police.uk custom download of many months). */
export async function generatePoliceUkFile(path: string, options: GenerateOptions): Promise<Generated> {
  const stats = newStats(options.rows);
  const out = new BatchWriter(path, `${HEADER}\n`);
  let offset = HEADER.length + 1;
  let line = 2;
  for (const row of generateRows(options, stats)) {
    if (line === options.markLine) stats.monthOffset = offset + row.idLength + 1;
    offset += row.text.length;
    line++;
    await out.write(row.text);
  }
  await out.close();
  stats.bytes = offset;
  return stats;
}

/**
 * Write the same rows as a bulk-download tree: `<dir>/YYYY-MM/YYYY-MM-midshire-street.csv`, one file per month
 * (36 files), each with its header.
 */
export async function generatePoliceUkTree(dir: string, options: Omit<GenerateOptions, 'badLine' | 'badMonth' | 'markLine'>): Promise<Generated & { files: number }> {
  const stats = newStats(options.rows);
  let out: BatchWriter | undefined;
  let month = '';
  let files = 0;
  let bytes = 0;
  for (const row of generateRows(options, stats)) {
    if (row.month !== month) {
      await out?.close();
      month = row.month;
      files++;
      mkdirSync(join(dir, month), { recursive: true });
      out = new BatchWriter(join(dir, month, `${month}-midshire-street.csv`), `${HEADER}\n`);
      bytes += HEADER.length + 1;
    }
    bytes += row.text.length;
    await out!.write(row.text);
  }
  await out?.close();
  stats.bytes = bytes;
  return { ...stats, files };
}
