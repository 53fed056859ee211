/**
 * What the scanner (in a worker or in the main thread) sends to the merge: one message per file, or for a large
 * file a series of batches. All ids in a message are the scanner's own (one id space per worker); locations are
 * announced with their code and name the first time they are used.
 */
import type { Problem } from '../../model/errors.js';

/** Settings shared by every file of a read. */
export interface ScanConfig {
  /** The latest month allowed (later ones are errors), as given. */
  latest: string;
  /** The areas of the read (a row is kept if it is in any of them; the merge sorts it into each). */
  areas: Array<{ codes?: string[]; prefix?: string | string[] }>;
  maxProblems: number;
  /** A streamed file sends a batch every this many rows (default 65,536). */
  batchRows?: number;
  /** Bytes per read (default 1 MiB; tests use tiny reads to put every byte at a read boundary). */
  readSize?: number;
}

/** One file to scan. */
export interface ScanJob {
  /** Position of the file in the read (files are merged in this order). */
  seq: number;
  path: string;
  /** Path as shown in messages. */
  display: string;
  /**
   * Stream the file: check its encoding in a first pass, then send batches as they are scanned, so that memory does
   * not grow with the file. Small files (all real monthly files) are scanned in one pass and sent whole.
   */
  stream: boolean;
}

/** Word layout of a counted-row candidate in `Batch.words`: [location, month << 8 | type << 2 | idKind, …id]. */
export const ID_NONE = 0;
/** 64 lower-case hex digits, followed by 3 words: their fingerprint (idFingerprint) and their byte offset in the file (low, high 32 bits). */
export const ID_HEX = 1;
/** Any other ID, followed by 1 word: its index in `Batch.otherIds`. */
export const ID_OTHER = 2;

interface Announcing {
  seq: number;
  /** Newly used locations: [scanner location id, LSOA code, LSOA name] × n, flattened. */
  locs: Array<number | string>;
}

/** Rows of a street file (all of it, or the next part of a streamed file). */
export interface Batch extends Announcing {
  type: 'batch';
  /** Last message for this file. */
  final: boolean;
  /** Data rows in this batch (rows csv-parse would yield: empty lines and all-empty records are not rows). */
  rows: number;
  noLocation: number;
  outOfArea: number;
  problems: Problem[];
  /** Problems beyond maxProblems (counted, not kept). */
  omitted: number;
  /** (force, month, line) of the first valid row of each force-month, in row order: [force, month, line] × n. */
  forceMonths: Array<string | number>;
  /** Rows in the areas of the read by location and force ("Falls within", else the file name's): [force, location id, rows] × n. */
  forceLocs: Array<string | number>;
  /** Smallest and largest valid month as year × 12 + month − 1, or −1. */
  minMonth: number;
  maxMonth: number;
  /** Rows inside the area, in row order (see ID_NONE). */
  words: Uint32Array;
  nWords: number;
  otherIds: string[];
  /** Line of the header (for the header-only problem). */
  headerLine: number;
  /**
   * With `final`: −1, or the number of data rows of the file counted so far, from which csv-parse must read the
   * rest (only for streamed files: the scanner met something it leaves to csv-parse).
   */
  fallbackAt: number;
}

/** An outcomes or stop-and-search file: skipped with a note. */
export interface Skip extends Announcing {
  type: 'skip';
  what: 'outcomes' | 'stop and search';
}

/** A file the scanner leaves entirely to csv-parse (nothing of it has been counted). */
export interface Fallback extends Announcing {
  type: 'fallback';
  /** Why (for --debug and tests). */
  reason: string;
}

export type ScanResult = Batch | Skip | Fallback;

/** Main → worker. */
export type ToWorker = { type: 'job'; job: ScanJob } | { type: 'ack' } | { type: 'recycle'; words: Uint32Array };
/** Worker → main. */
export type FromWorker = ScanResult | { type: 'crash'; seq: number; message: string };
