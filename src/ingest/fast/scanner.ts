/**
 * A byte scanner for police.uk street-level files: the fixed layout, read straight from the bytes.
 *
 * What it accepts is a strict subset of what csv-parse accepts, and on that subset it gives the same rows:
 *   - UTF-8 (with or without a BOM), no NUL byte and no byte order mark inside the file;
 *   - a first line that is a plain header (printable ASCII, no quotes, no tabs, at least two commas, ended by LF or
 *     CRLF), recognised by name like the reference reader (any column order, extra columns allowed);
 *   - fields unquoted (no `"` inside) or quoted, with `""` for a quote, commas and line breaks inside; a closing
 *     quote followed by a comma, a line end or the end of the file;
 *   - LF, CRLF or CR line ends, mixed; empty lines skipped; lines counted as the reference reader counts them;
 *   - records of up to 512 KiB.
 * Anything else (a broken quote, an unusual header, bytes that are not UTF-8, a NUL) is an "anomaly": the file, or
 * for a streamed file the rest of it, goes to csv-parse (see ../formats/police-uk-core.ts), which gives the errors or
 * the Windows-1252 reading exactly as before.
 *
 * The hot path. Reads of 1 MiB are checked with `isAscii` (police.uk files are ASCII; anything else gets the full
 * UTF-8 check). In ASCII data, a record without quotes is split by a loop that reads 4 bytes at a time through a
 * DataView and looks both halves up in a 64 KiB table of "comma, quote, line end or NUL" pairs (~0.6 ns a byte,
 * against ~1 for a byte at a time); records with quotes, and non-ASCII data, take a field-by-field loop. Per row, only
 * the six fields used are looked at, as byte ranges: the month is parsed from its digits, the crime type, force and
 * (LSOA code, LSOA name) are interned as small ids (./interner.ts; compared 4 bytes at a time with the previous row's
 * or a cached id first: files are sorted by LSOA, so runs are long), and only rows inside the area are written out,
 * as a few 32-bit words (the Crime ID as a fingerprint and a byte offset, see ./crime-ids.ts). A row that is not plain
 * (a short row, a bad month, an unknown type, a quoted field with escapes or line breaks, non-ASCII text in a field
 * it uses) is decoded to strings and checked by the same `checkRow` the reference reader uses, so every message is
 * the reference reader's.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ASB_INDEX } from '../../model/data.js';
import type { Problem } from '../../model/errors.js';
import { AreaClassifier, checkRow, classifyHeader, fileNameInfo, TYPE_INDEX, type StreetColumns } from '../formats/police-uk-core.js';
import { finishHash, mixWord } from './crime-ids.js';
import { ByteInterner } from './interner.js';
import { ID_HEX, ID_NONE, ID_OTHER, type Batch, type Fallback, type ScanConfig, type ScanJob, type ScanResult, type Skip } from './protocol.js';

/** Bytes read at a time (by default). */
const CHUNK = 1 << 20;
/** The longest record carried from one read to the next (csv-parse's limit in the reference reader is 1 MiB too). */
const MAX_RECORD = 1 << 20;
/** Records longer than this go to csv-parse, which decides on its own 1 MiB limit. */
const LONG_RECORD = 1 << 19;
/** A streamed file sends a batch every this many rows. */
const BATCH_ROWS = 1 << 16;
/** Bytes csv-parse's reader decodes before it can yield a header (its read stream's chunk). */
const SLOW_FIRST_CHUNK = 256 * 1024;

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

/** Field flags: the field needs decoding to a string (`""` escapes, a line break inside quotes, non-ASCII bytes). */
const F_ESC = 1;
const F_NL = 2;
const F_NONASCII = 4;

/** Byte classes: 0 ordinary, 1 comma, 2 line end, 3 quote, 4 non-ASCII (only where the field is used), 5 NUL. */
const SKIP_CLASS = new Uint8Array(256);
SKIP_CLASS[COMMA] = 1;
SKIP_CLASS[LF] = 2;
SKIP_CLASS[CR] = 2;
SKIP_CLASS[QUOTE] = 3;
// A NUL byte stops every loop: the scanner leaves such a file to the reference reader (which refuses it).
SKIP_CLASS[0] = 5;
const USE_CLASS = SKIP_CLASS.slice();
USE_CLASS.fill(4, 0x80);
/**
 * Two bytes at a time (read little-endian as one 16-bit number): bit 0 if the first is a comma, quote or line end,
 * bit 1 if the second is. The plain-ASCII loop reads 4 bytes and looks up both halves, ~0.6 ns a byte against ~1
 * for a byte at a time.
 */
const PAIR_CLASS = new Uint8Array(65536);
for (let i = 0; i < 65536; i++) PAIR_CLASS[i] = (SKIP_CLASS[i & 255] !== 0 ? 1 : 0) | (SKIP_CLASS[i >>> 8] !== 0 ? 2 : 0);
/** The plain-ASCII loop records the commas of records of up to this many fields. */
const MAX_FIELDS = 64;

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[97 + i] = 10 + i;

/** Used columns, in `fS`/`fE`/`fF` order. */
const S_ID = 0;
const S_MONTH = 1;
const S_FALLS = 2;
const S_CODE = 3;
const S_NAME = 4;
const S_TYPE = 5;

/** "Falls within" empty: the force comes from the file name. */
const FORCE_FROM_FILE = -1;

interface Location {
  code: string;
  name: string;
  inArea: boolean;
  announced: boolean;
}

/** `YYYY-MM` of year × 12 + month − 1. */
export function monthText(mi: number): string {
  return `${String(Math.floor(mi / 12)).padStart(4, '0')}-${String((mi % 12) + 1).padStart(2, '0')}`;
}

/** The largest month (as year × 12 + month − 1) whose text is not after `latest` by string comparison; −1 if none. */
function latestMonthIndex(latest: string): number {
  let lo = -1;
  let hi = 9999 * 12 + 11;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (monthText(mid) <= latest) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const isSpace = (b: number): boolean => b === 32 || (b >= 9 && b <= 13);

/** Length of an incomplete UTF-8 sequence at the end of buf[0, end) (as the reference reader's decoder carries it). */
function incompleteUtf8Tail(buf: Uint8Array, end: number): number {
  for (let back = 1; back <= Math.min(4, end); back++) {
    const b = buf[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Why buf[a, b) cannot be read by the scanner as the reference reader would read it, or undefined. */
function checkBytes(buf: Buffer, a: number, b: number): string | undefined {
  if (b <= a) return undefined;
  const v = buf.subarray(a, b);
  if (!isUtf8(v)) return 'not valid UTF-8';
  if (v.indexOf(0) >= 0) return 'a NUL byte';
  // U+FEFF inside the file: the reference reader's decoder drops it at the start of a chunk, so leave it to that reader.
  for (let i = v.indexOf(0xef); i >= 0; i = v.indexOf(0xef, i + 1)) {
    if (v[i + 1] === 0xbb && v[i + 2] === 0xbf) return 'a byte order mark inside the file';
  }
  return undefined;
}

/**
 * Scans files one at a time. Interned values (types, forces, locations) persist across the files a scanner sees, so
 * a worker announces each location to the merge only once.
 */
export class FileScanner {
  private readonly areas: AreaClassifier;
  private readonly latestInt: number;
  private readonly types = new ByteInterner<number>();
  private readonly forces = new ByteInterner<string>();
  private readonly locs = new ByteInterner<Location>();
  private readonly typeCache = new Int32Array(256).fill(-1);
  private prevForce = -1;
  private prevLoc = -1;
  /**
   * A Crime ID read ahead by `scan`: the record start where a 64-hex-digit first field was found, and its
   * fingerprint (so that `row` need not hash it again). −1 when there is none.
   */
  private idAt = -1;
  private idFp = 0;
  /** Header verdicts by (kind from the file name, header line). */
  private readonly headers = new Map<string, ReturnType<typeof classifyHeader>>();
  /** Bytes per read. */
  private readonly readSize: number;
  /** A record carried over, a fresh read and four sentinel bytes. */
  private readonly buf: Buffer;
  private readonly view: DataView;
  /** Positions of the commas of the record being read (plain-ASCII loop). */
  private readonly commas = new Int32Array(MAX_FIELDS);
  /** Used-column slot → field index. */
  private slotCol = new Int32Array(6);
  private readonly fS = new Int32Array(6);
  private readonly fE = new Int32Array(6);
  private readonly fF = new Int32Array(6);

  // The file being scanned.
  private job!: ScanJob;
  private fileForce: string | undefined;
  private kindFromName: string | undefined;
  private cols!: StreetColumns;
  private width = 0;
  /** Field index → used-column slot, or −1. */
  private colSlot = new Int8Array(0);
  private dry = false;
  /** Rows after which `scan` returns so that a batch can be sent (streamed files). */
  private batchLimit = Infinity;
  private anomaly: string | undefined;
  private line = 1;
  /** File offset of buf[0]. */
  private bufBase = 0;
  private fileRows = 0;
  private fileProblems = 0;
  private fmSeen = new Set<number>();
  private lastForce = -2;
  private lastMi = -1;

  // The batch being filled.
  private rows = 0;
  private noLocation = 0;
  private outOfArea = 0;
  private problems: Problem[] = [];
  private omitted = 0;
  private forceMonths: Array<string | number> = [];
  /** In-area rows by (location, force): key location × 4096 + force + 1 (see `tallyForce`). */
  private forceLocs = new Map<number, number>();
  /** The run of rows of one (location, force) being counted (rows come sorted by LSOA), not yet in `forceLocs`. */
  private runKey = -1;
  private runCount = 0;
  private minMi = -1;
  private maxMi = -1;
  private words: Uint32Array = new Uint32Array(1 << 12);
  /** Words arrays given back by the merge. */
  private readonly spare: Uint32Array[] = [];
  private nWords = 0;
  private otherIds: string[] = [];
  private announce: Array<number | string> = [];

  constructor(private readonly config: ScanConfig) {
    this.areas = new AreaClassifier(config.areas.map((a) => ({ ...(a.codes ? { lsoaCodes: new Set(a.codes) } : {}), ...(a.prefix !== undefined ? { lsoaNamePrefix: a.prefix } : {}) })));
    this.latestInt = latestMonthIndex(config.latest);
    this.readSize = config.readSize ?? CHUNK;
    // A carried record (< MAX_RECORD) and one read (at most max(readSize, MAX_RECORD)), and the sentinels.
    this.buf = Buffer.allocUnsafe(MAX_RECORD + Math.max(this.readSize, MAX_RECORD) + 4);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Scan one file: yields its result, or for a streamed file its batches. Never throws for a bad file. */
  *scanFile(job: ScanJob): Generator<ScanResult> {
    this.begin(job);
    let fd = -1;
    let sent = 0;
    try {
      fd = openSync(job.path, 'r');
      const size = fstatSync(fd).size;
      if (size === 0) return yield this.fallback('an empty file');
      if (job.stream) {
        const why = this.prevalidate(fd, size);
        if (why) return yield this.fallback(why);
      }
      const buf = this.buf;
      const readSize = this.readSize;
      let end = 0;
      let filePos = 0;
      let eof = false;
      /** Read the next piece of the file after buf[0, end). */
      const more = (): void => {
        // A long record carried over: read at least as much again, so that rescanning it stays linear.
        const n = readSync(fd, buf, end, Math.max(readSize, Math.min(end, MAX_RECORD)), filePos);
        filePos += n;
        end += n;
        eof = n === 0 || filePos >= size;
      };
      // First read: at least up to the end of the header line.
      /** Is the first line end in what was read (a CR last may be the first half of a CRLF)? */
      const lineEnded = (): boolean => {
        for (let i = 0; i < end; i++) if (buf[i] === LF || buf[i] === CR) return !(buf[i] === CR && i === end - 1 && !eof);
        return false;
      };
      do more();
      while (!eof && end < MAX_RECORD && !lineEnded());
      if (end >= 4 && ((buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) || (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0))) {
        return yield this.fallback('a spreadsheet workbook');
      }
      let p = end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      let validTo = p;
      /** Is buf[p, validTo) all ASCII? Then the scan can take its plain loop. */
      let ascii = true;
      /**
       * Check the bytes read since the last check. ASCII is valid UTF-8 with no byte order mark, and the scan itself
       * stops at a NUL; anything else gets the full check (a streamed file was checked in a first pass).
       */
      const validate = (): string | undefined => {
        const to = eof ? end : end - incompleteUtf8Tail(buf, end);
        const regionAscii = isAscii(buf.subarray(validTo, to));
        const why = regionAscii || job.stream ? undefined : checkBytes(buf, validTo, to);
        ascii &&= regionAscii;
        validTo = to;
        return why;
      };
      let why = validate();
      if (why) return yield this.fallback(why);

      // The header: a plain first line.
      let q = p;
      for (; q < end; q++) {
        const b = buf[q]!;
        if (b === LF || b === CR) break;
        if (b < 0x20 || b > 0x7e || b === QUOTE) return yield this.fallback('an unusual header line');
      }
      if (q >= end && !eof) return yield this.fallback('a header line longer than 1 MiB');
      if (q < end && buf[q] === CR && !(q + 1 < end && buf[q + 1] === LF)) {
        // CR alone, or CR last in what was read: the reference reader's delimiter sniffing splits lines on LF.
        return yield this.fallback('a header not ended by LF or CRLF');
      }
      const headerText = buf.toString('latin1', p, q);
      const fields = headerText.split(',');
      if (fields.length < 3) return yield this.fallback('a header with fewer than three fields');
      // The bulk download repeats the same few headers hundreds of times.
      const headerKey = `${this.kindFromName ?? ''}\u0000${headerText}`;
      let verdict = this.headers.get(headerKey);
      if (!verdict) this.headers.set(headerKey, (verdict = classifyHeader(fields, this.kindFromName)));
      if (verdict.kind === 'wrong') return yield this.fallback('not a street-level header');
      p = q >= end ? q : buf[q] === CR ? q + 2 : q + 1;
      this.line = 2;

      if (verdict.kind === 'skip') {
        // csv-parse's reader decodes and parses its first chunk before it yields the header: if that chunk holds
        // something it would stop on, leave the file to it.
        while (!eof && end < SLOW_FIRST_CHUNK) more();
        why = validate();
        if (why) return yield this.fallback(why);
        this.setColumns(undefined, fields.length);
        this.batchLimit = Infinity;
        const limit = Math.min(end, SLOW_FIRST_CHUNK);
        this.scan(buf, p, limit, eof && limit === end, ascii && validTo >= limit);
        if (this.anomaly) return yield this.fallback(this.anomaly);
        return yield { type: 'skip', seq: job.seq, what: verdict.what, locs: this.takeAnnouncements() } satisfies Skip;
      }

      this.setColumns(verdict.columns, fields.length);
      this.batchLimit = job.stream ? (this.config.batchRows ?? BATCH_ROWS) : Infinity;
      for (;;) {
        p = this.scan(buf, p, end, eof, ascii && validTo === end);
        if (this.anomaly) break;
        if (this.rows >= this.batchLimit) {
          sent++;
          yield this.batch(false, -1);
          continue;
        }
        if (eof) break;
        const carry = end - p;
        if (carry >= MAX_RECORD) {
          this.anomaly = 'a record longer than 1 MiB';
          break;
        }
        buf.copyWithin(0, p, end);
        this.bufBase += p;
        validTo -= p;
        p = 0;
        end = carry;
        // What is left of a chunk that was not all ASCII may be.
        if (!ascii) ascii = isAscii(buf.subarray(0, validTo));
        more();
        why = validate();
        if (why) return yield this.fallback(why);
      }
      if (this.anomaly) {
        if (!job.stream) return yield this.fallback(this.anomaly);
        return yield this.batch(true, this.fileRows);
      }
      yield this.batch(true, -1);
    } catch (e) {
      // An unreadable file, or a bug here: csv-parse reads what was not counted, and reports a bad file its own way.
      if (sent === 0) yield this.fallback(`scanner error: ${(e as Error).message}`);
      else yield this.emptyFinal(this.fileRows - this.rows);
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }

  private begin(job: ScanJob): void {
    this.job = job;
    const info = fileNameInfo(job.path);
    this.fileForce = info.force;
    this.kindFromName = info.kind;
    this.anomaly = undefined;
    this.line = 1;
    this.bufBase = 0;
    this.fileRows = 0;
    this.fileProblems = 0;
    this.fmSeen = new Set();
    this.lastForce = -2;
    this.lastMi = -1;
    this.resetBatch();
  }

  private resetBatch(): void {
    this.rows = 0;
    this.noLocation = 0;
    this.outOfArea = 0;
    this.problems = [];
    this.omitted = 0;
    this.forceMonths = [];
    this.forceLocs = new Map();
    this.runKey = -1;
    this.runCount = 0;
    this.minMi = -1;
    this.maxMi = -1;
    this.nWords = 0;
    this.otherIds = [];
  }

  private setColumns(cols: StreetColumns | undefined, width: number): void {
    this.dry = cols === undefined;
    this.width = width;
    this.colSlot = new Int8Array(width).fill(-1);
    if (cols) {
      this.cols = cols;
      this.colSlot[cols.iId] = S_ID;
      this.colSlot[cols.iMonth] = S_MONTH;
      this.colSlot[cols.iFalls] = S_FALLS;
      this.colSlot[cols.iCode] = S_CODE;
      this.colSlot[cols.iName] = S_NAME;
      this.colSlot[cols.iType] = S_TYPE;
      this.slotCol = Int32Array.of(cols.iId, cols.iMonth, cols.iFalls, cols.iCode, cols.iName, cols.iType);
    }
  }

  private takeAnnouncements(): Array<number | string> {
    const a = this.announce;
    this.announce = [];
    return a;
  }

  private fallback(reason: string): Fallback {
    return { type: 'fallback', seq: this.job.seq, reason, locs: this.takeAnnouncements() };
  }

  /** Take back a words array the merge is done with, for a later batch. */
  recycle(words: Uint32Array): void {
    if (this.spare.length < 2) this.spare.push(words);
  }

  private batch(final: boolean, fallbackAt: number): Batch {
    const b: Batch = {
      type: 'batch',
      seq: this.job.seq,
      final,
      rows: this.rows,
      noLocation: this.noLocation,
      outOfArea: this.outOfArea,
      problems: this.problems,
      omitted: this.omitted,
      forceMonths: this.forceMonths,
      forceLocs: this.takeForceLocs(),
      minMonth: this.minMi,
      maxMonth: this.maxMi,
      // Handed over (transferred from a worker); the merge gives arrays back through `recycle`.
      words: this.words,
      nWords: this.nWords,
      otherIds: this.otherIds,
      headerLine: 1,
      fallbackAt,
      locs: this.takeAnnouncements(),
    };
    this.words = this.spare.pop() ?? new Uint32Array(1 << 12);
    this.resetBatch();
    return b;
  }

  /** A last, empty batch handing the rest of a streamed file to csv-parse from row `at`. */
  private emptyFinal(at: number): Batch {
    this.resetBatch();
    return this.batch(true, at);
  }

  /** First pass over a streamed file: is all of it bytes the scanner reads as the reference reader does? */
  private prevalidate(fd: number, size: number): string | undefined {
    const buf = this.buf;
    // The BOM at the very start is not part of the text.
    const head = readSync(fd, buf, 0, 3, 0);
    let pos = head === 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    let carry = 0;
    for (;;) {
      const n = readSync(fd, buf, carry, this.readSize, pos);
      pos += n;
      const end = carry + n;
      const eof = n === 0 || pos >= size;
      const to = eof ? end : end - incompleteUtf8Tail(buf, end);
      const why = checkBytes(buf, 0, to);
      if (why) return why;
      if (eof) return undefined;
      buf.copyWithin(0, to, end);
      carry = end - to;
    }
  }

  /**
   * Scan the complete records of buf[p, end): returns where the first incomplete one starts (to be carried over to
   * the next read), or sets `anomaly`. With `eof`, the end of the data ends the last record.
   */
  private scan(buf: Buffer, p: number, end: number, eof: boolean, ascii: boolean): number {
    // Sentinels: every field loop stops at the end of the data (the 4-byte reads may look 3 bytes past it).
    buf[end] = LF;
    buf[end + 1] = LF;
    buf[end + 2] = LF;
    buf[end + 3] = LF;
    const width = this.width;
    const colSlot = this.colSlot;
    const fS = this.fS;
    const fE = this.fE;
    const fF = this.fF;
    const dry = this.dry;
    // Plain ASCII (as police.uk files are): records without quotes are split by a loop that only finds commas.
    const plain = width <= MAX_FIELDS && ascii;
    const view = this.view;
    const commas = this.commas;
    const slotCol = this.slotCol;
    // A Crime ID first (as police.uk's files have it) is usually 64 hex digits: checked and hashed once, they need no
    // search for commas, quotes or line ends (a third of a row's bytes).
    const idFirst = !dry && plain && slotCol[S_ID] === 0;
    let line = this.line;
    for (;;) {
      if (p >= end) break;
      let b = buf[p]!;
      if (b === LF || b === CR) {
        // An empty line.
        const n = lineEndLength(buf, p, end, eof);
        if (n < 0) break;
        p += n;
        line++;
        continue;
      }
      const recStart = p;
      const recLine = line;
      // Only this record's own read-ahead may stand for its ID (positions in the buffer are reused).
      this.idAt = -1;
      if (plain) {
        let k = 0;
        let q = p;
        if (idFirst && p + 64 < end && buf[p + 64] === COMMA) {
          const fp = hexFingerprint(view, p);
          if (fp >= 0) {
            this.idAt = p;
            this.idFp = fp;
            commas[0] = p + 64;
            k = 1;
            q = p + 65;
          }
        }
        for (;;) {
          for (;;) {
            const v = view.getUint32(q, true);
            const lo = PAIR_CLASS[v & 0xffff]!;
            if ((lo | PAIR_CLASS[v >>> 16]!) === 0) {
              q += 4;
              continue;
            }
            if (lo !== 0) {
              if ((lo & 1) === 0) q++;
            } else {
              q += 2;
              if ((PAIR_CLASS[v >>> 16]! & 1) === 0) q++;
            }
            break;
          }
          b = buf[q]!;
          if (b !== COMMA) break;
          if (k < MAX_FIELDS) commas[k] = q;
          k++;
          q++;
        }
        if (b === 0) {
          this.anomaly = 'a NUL byte';
          return recStart;
        }
        if (b !== QUOTE) {
          // The record ends at q, at a line end or at the end of the data.
          if (q >= end && !eof) break;
          if (q - recStart > LONG_RECORD) {
            this.anomaly = 'a record longer than 512 KiB';
            return recStart;
          }
          const rowLine = line;
          p = q;
          if (p < end) {
            const n = lineEndLength(buf, p, end, eof);
            if (n < 0) {
              p = recStart;
              break;
            }
            p += n;
            line++;
          }
          if (!dry) {
            if (k + 1 === width) {
              for (let slot = 0; slot < 6; slot++) {
                const c = slotCol[slot]!;
                fS[slot] = c === 0 ? recStart : commas[c - 1]! + 1;
                fE[slot] = c < k ? commas[c]! : q;
                fF[slot] = 0;
              }
            }
            this.row(buf, recStart, q, rowLine, k + 1);
            if (this.rows >= this.batchLimit) break;
          }
          continue;
        }
        // A quote: read this record field by field.
      }
      let j = 0;
      let complete = true;
      for (;;) {
        const slot = j < width ? colSlot[j]! : -1;
        if (buf[p] === QUOTE) {
          let q = p + 1;
          let fl = 0;
          for (;;) {
            b = buf[q]!;
            if (b === QUOTE) {
              if (q + 1 < end && buf[q + 1] === QUOTE) {
                fl |= F_ESC;
                q += 2;
                continue;
              }
              break;
            }
            if (b === LF || b === CR) {
              if (q >= end) {
                if (!eof) complete = false;
                else this.anomaly = 'a quoted field never closed';
                break;
              }
              if (b === CR) {
                if (q + 1 >= end && !eof) {
                  complete = false;
                  break;
                }
                if (q + 1 < end && buf[q + 1] === LF) q++;
              }
              fl |= F_NL;
              line++;
              q++;
              continue;
            }
            if (b >= 0x80) fl |= F_NONASCII;
            else if (b === 0) {
              this.anomaly = 'a NUL byte';
              break;
            }
            q++;
          }
          if (!complete || this.anomaly) break;
          if (slot >= 0) {
            fS[slot] = p + 1;
            fE[slot] = q;
            fF[slot] = fl;
          }
          p = q + 1;
          if (p >= end) {
            if (!eof) complete = false;
            break;
          }
          b = buf[p]!;
          if (b === COMMA) {
            p++;
            j++;
            continue;
          }
          if (b === LF || b === CR) break;
          this.anomaly = 'text after a closing quote';
          break;
        }
        const s = p;
        if (slot >= 0) {
          let fl = 0;
          for (;;) {
            const c = USE_CLASS[buf[p]!]!;
            if (c === 0) p++;
            else if (c === 4) {
              fl = F_NONASCII;
              p++;
            } else break;
          }
          fS[slot] = s;
          fE[slot] = p;
          fF[slot] = fl;
        } else {
          while (SKIP_CLASS[buf[p]!] === 0) p++;
        }
        b = buf[p]!;
        if (b === COMMA) {
          p++;
          j++;
          continue;
        }
        if (b === QUOTE) {
          this.anomaly = 'a double quote inside an unquoted field';
          break;
        }
        if (b === 0) {
          this.anomaly = 'a NUL byte';
          break;
        }
        if (p >= end && !eof) complete = false;
        break;
      }
      if (this.anomaly) return recStart;
      if (!complete) {
        line = recLine;
        p = recStart;
        break;
      }
      const recEnd = p;
      if (recEnd - recStart > LONG_RECORD) {
        this.anomaly = 'a record longer than 512 KiB';
        return recStart;
      }
      const rowLine = line;
      if (p < end) {
        const n = lineEndLength(buf, p, end, eof);
        if (n < 0) {
          line = recLine;
          p = recStart;
          break;
        }
        p += n;
        line++;
      }
      if (!dry) {
        this.row(buf, recStart, recEnd, rowLine, j + 1);
        if (this.rows >= this.batchLimit) break;
      }
    }
    this.line = line;
    return p;
  }

  /** One record: the plain case on bytes, anything else through `rare`. */
  private row(buf: Buffer, recStart: number, recEnd: number, line: number, count: number): void {
    const fS = this.fS;
    const fE = this.fE;
    const fF = this.fF;
    if (count !== this.width || (fF[0]! | fF[1]! | fF[2]! | fF[3]! | fF[4]! | fF[5]!) !== 0) return this.rare(buf, recStart, recEnd, line);

    // Month: YYYY-MM from its digits.
    let s = fS[S_MONTH]!;
    let e = fE[S_MONTH]!;
    while (s < e && isSpace(buf[s]!)) s++;
    while (e > s && isSpace(buf[e - 1]!)) e--;
    if (e - s !== 7 || buf[s + 4] !== 45) return this.rare(buf, recStart, recEnd, line);
    const y0 = buf[s]! - 48;
    const y1 = buf[s + 1]! - 48;
    const y2 = buf[s + 2]! - 48;
    const y3 = buf[s + 3]! - 48;
    const m0 = buf[s + 5]! - 48;
    const m1 = buf[s + 6]! - 48;
    if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9) return this.rare(buf, recStart, recEnd, line);
    const mm = m0 * 10 + m1;
    if (mm < 1 || mm > 12) return this.rare(buf, recStart, recEnd, line);
    const mi = (y0 * 1000 + y1 * 100 + y2 * 10 + y3) * 12 + mm - 1;
    if (mi > this.latestInt) return this.rare(buf, recStart, recEnd, line);

    // Crime type.
    s = fS[S_TYPE]!;
    e = fE[S_TYPE]!;
    while (s < e && isSpace(buf[s]!)) s++;
    while (e > s && isSpace(buf[e - 1]!)) e--;
    // A direct-mapped cache on (length, first and last byte) finds the 14 types without hashing.
    const types = this.types;
    const tk = ((e - s) * 7 + buf[s]! * 3 + buf[e - 1]!) & 255;
    let ti = this.typeCache[tk]!;
    if (ti < 0 || !types.equalsView(ti, buf, this.view, s, e, e, e)) {
      const h = ByteInterner.hash(buf, s, e, e, e);
      ti = types.findView(buf, this.view, s, e, e, e, h);
      if (ti < 0) ti = types.add(buf, s, e, e, e, h, TYPE_INDEX.get(buf.toString('latin1', s, e).toLowerCase()) ?? -1);
      this.typeCache[tk] = ti;
    }
    const t = types.values[ti]!;
    if (t < 0) return this.rare(buf, recStart, recEnd, line);

    // Crime ID: only anti-social behaviour may have none.
    let is = fS[S_ID]!;
    let ie = fE[S_ID]!;
    while (is < ie && isSpace(buf[is]!)) is++;
    while (ie > is && isSpace(buf[ie - 1]!)) ie--;
    if (is === ie && t !== ASB_INDEX) return this.rare(buf, recStart, recEnd, line);

    // Falls within.
    s = fS[S_FALLS]!;
    e = fE[S_FALLS]!;
    while (s < e && isSpace(buf[s]!)) s++;
    while (e > s && isSpace(buf[e - 1]!)) e--;
    let force = FORCE_FROM_FILE;
    if (s < e) {
      const forces = this.forces;
      force = this.prevForce;
      if (force < 0 || !forces.equalsView(force, buf, this.view, s, e, e, e)) {
        const h = ByteInterner.hash(buf, s, e, e, e);
        force = forces.findView(buf, this.view, s, e, e, e, h);
        if (force < 0) force = forces.add(buf, s, e, e, e, h, buf.toString('latin1', s, e));
        this.prevForce = force;
      }
    }

    // The row is valid: count it.
    this.rows++;
    this.fileRows++;
    if (force !== this.lastForce || mi !== this.lastMi) this.noteForceMonth(force, mi, line);

    s = fS[S_CODE]!;
    e = fE[S_CODE]!;
    while (s < e && isSpace(buf[s]!)) s++;
    while (e > s && isSpace(buf[e - 1]!)) e--;
    if (s === e) {
      this.noLocation++;
      return;
    }
    let ns = fS[S_NAME]!;
    let ne = fE[S_NAME]!;
    while (ns < ne && isSpace(buf[ns]!)) ns++;
    while (ne > ns && isSpace(buf[ne - 1]!)) ne--;
    const locs = this.locs;
    let li = this.prevLoc;
    if (li < 0 || !locs.equalsView(li, buf, this.view, s, e, ns, ne)) {
      const h = ByteInterner.hash(buf, s, e, ns, ne);
      li = locs.findView(buf, this.view, s, e, ns, ne, h);
      if (li < 0) li = locs.add(buf, s, e, ns, ne, h, this.location(buf.toString('latin1', s, e), buf.toString('latin1', ns, ne)));
      this.prevLoc = li;
    }
    const loc = locs.values[li]!;
    if (!loc.inArea) {
      this.outOfArea++;
      return;
    }
    const at = this.place(li, loc);
    this.tallyForce(li, force);
    const w = this.words;
    let fp: number;
    if (is === ie) {
      w[at] = (mi << 8) | (t << 2) | ID_NONE;
      this.nWords = at + 1;
    } else if (ie - is === 64 && (fp = is === this.idAt ? this.idFp : hexFingerprint(this.view, is)) >= 0) {
      // Where the ID is in the file: the merge reads it back only if its fingerprint matches another's.
      const offset = this.bufBase + is;
      w[at] = (mi << 8) | (t << 2) | ID_HEX;
      w[at + 1] = fp;
      w[at + 2] = offset % 4294967296;
      w[at + 3] = Math.floor(offset / 4294967296);
      this.nWords = at + 4;
    } else {
      w[at] = (mi << 8) | (t << 2) | ID_OTHER;
      w[at + 1] = this.otherIds.length;
      this.otherIds.push(buf.toString('latin1', is, ie));
      this.nWords = at + 2;
    }
  }

  /** A record that is not plain: decoded to strings and checked exactly as the reference reader checks it. */
  private rare(buf: Buffer, recStart: number, recEnd: number, line: number): void {
    const f = decodeRecord(buf, recStart, recEnd);
    // csv-parse's skip_records_with_empty_values: a record of blank fields is not a row.
    if (f.every((x) => x.trim() === '')) return;
    this.rows++;
    this.fileRows++;
    const v = checkRow(f, line, this.cols, this.job.display, this.config.latest, this.fileForce);
    if ('message' in v) {
      if (this.fileProblems < this.config.maxProblems) {
        this.fileProblems++;
        this.problems.push(v);
      } else this.omitted++;
      return;
    }
    const mi = Number(v.month.slice(0, 4)) * 12 + Number(v.month.slice(5)) - 1;
    let force = FORCE_FROM_FILE;
    if (f[this.cols.iFalls]!.trim() !== '') {
      const b = Buffer.from(v.force);
      const h = ByteInterner.hash(b, 0, b.length, b.length, b.length);
      force = this.forces.find(b, 0, b.length, b.length, b.length, h);
      if (force < 0) force = this.forces.add(b, 0, b.length, b.length, b.length, h, v.force);
    }
    if (force !== this.lastForce || mi !== this.lastMi) this.noteForceMonth(force, mi, line);
    if (v.code === '') {
      this.noLocation++;
      return;
    }
    const bc = Buffer.from(v.code);
    const b = Buffer.concat([bc, Buffer.from(v.name)]);
    const h = ByteInterner.hash(b, 0, bc.length, bc.length, b.length);
    let li = this.locs.find(b, 0, bc.length, bc.length, b.length, h);
    if (li < 0) li = this.locs.add(b, 0, bc.length, bc.length, b.length, h, this.location(v.code, v.name));
    const loc = this.locs.values[li]!;
    if (!loc.inArea) {
      this.outOfArea++;
      return;
    }
    const at = this.place(li, loc);
    this.tallyForce(li, force);
    const w = this.words;
    if (v.id === '') {
      w[at] = (mi << 8) | (v.type << 2) | ID_NONE;
      this.nWords = at + 1;
    } else {
      // Decoded from a quoted or non-ASCII field: no plain bytes in the file to point to, so sent as a string.
      w[at] = (mi << 8) | (v.type << 2) | ID_OTHER;
      w[at + 1] = this.otherIds.length;
      this.otherIds.push(v.id);
      this.nWords = at + 2;
    }
  }

  private location(code: string, name: string): Location {
    return { code, name, inArea: this.areas.areasOf(code, name).length > 0, announced: false };
  }

  /** Write the location word of a counted-row candidate; returns where its month/type word goes. */
  private place(li: number, loc: Location): number {
    let n = this.nWords;
    if (n + 6 > this.words.length) {
      const w = new Uint32Array(this.words.length * 2);
      w.set(this.words.subarray(0, n));
      this.words = w;
    }
    if (!loc.announced) {
      loc.announced = true;
      this.announce.push(li, loc.code, loc.name);
    }
    this.words[n++] = li;
    return n;
  }

  /**
   * Count an in-area row for its (location, force): which forces supply an area's rows decides which forces' files
   * a month needs (src/ingest/coverage.ts). Rows of one LSOA come together, so a run is counted before the map.
   */
  private tallyForce(li: number, force: number): void {
    const key = li * 4096 + force + 1;
    if (key === this.runKey) {
      this.runCount++;
      return;
    }
    this.flushForceRun();
    this.runKey = key;
    this.runCount = 1;
  }

  private flushForceRun(): void {
    if (this.runKey < 0) return;
    this.forceLocs.set(this.runKey, (this.forceLocs.get(this.runKey) ?? 0) + this.runCount);
    this.runKey = -1;
    this.runCount = 0;
  }

  /** The batch's in-area rows by (location, force), as [force name, location id, rows] × n. */
  private takeForceLocs(): Array<string | number> {
    this.flushForceRun();
    const out: Array<string | number> = [];
    for (const [key, n] of this.forceLocs) {
      const force = (key % 4096) - 1;
      out.push(force === FORCE_FROM_FILE ? this.fileForce || 'unknown force' : this.forces.values[force]!, Math.floor(key / 4096), n);
    }
    return out;
  }

  private noteForceMonth(force: number, mi: number, line: number): void {
    this.lastForce = force;
    this.lastMi = mi;
    if (this.minMi < 0 || mi < this.minMi) this.minMi = mi;
    if (mi > this.maxMi) this.maxMi = mi;
    const key = (force + 1) * 131072 + mi;
    if (this.fmSeen.has(key)) return;
    this.fmSeen.add(key);
    this.forceMonths.push(force === FORCE_FROM_FILE ? this.fileForce || 'unknown force' : this.forces.values[force]!, monthText(mi), line);
  }
}

/**
 * The length of the line end at buf[p] (an LF or a CR): 1, or 2 for CRLF; −1 for a CR that ends the data read so
 * far, when an LF may follow in the next read.
 */
function lineEndLength(buf: Buffer, p: number, end: number, eof: boolean): number {
  if (buf[p] !== CR) return 1;
  if (p + 1 >= end) return eof ? 1 : -1;
  return buf[p + 1] === LF ? 2 : 1;
}

/** 1 where both bytes of a little-endian 16-bit number are lower-case hex digits. */
const HEX_PAIR = new Uint8Array(65536);
for (let i = 0; i < 65536; i++) HEX_PAIR[i] = HEX[i & 255]! >= 0 && HEX[i >>> 8]! >= 0 ? 1 : 0;

/** The fingerprint (idFingerprint) of the 64 bytes at s if they are all lower-case hex digits, else −1. */
function hexFingerprint(view: DataView, s: number): number {
  let h = 0x9747b28c;
  for (let i = s; i < s + 64; i += 4) {
    const v = view.getUint32(i, true);
    if ((HEX_PAIR[v & 0xffff]! & HEX_PAIR[v >>> 16]!) === 0) return -1;
    h = mixWord(h, v | 0);
  }
  return finishHash(h);
}

/**
 * The fields of a record the scanner accepted, as csv-parse gives them after the reference reader's decoding:
 * quotes removed, `""` → `"`, CRLF and CR → LF, UTF-8 decoded.
 */
function decodeRecord(buf: Buffer, s: number, e: number): string[] {
  const out: string[] = [];
  let p = s;
  for (;;) {
    if (p < e && buf[p] === QUOTE) {
      const bytes: number[] = [];
      let q = p + 1;
      for (;;) {
        const b = buf[q]!;
        if (b === QUOTE) {
          if (buf[q + 1] === QUOTE && q + 1 < e) {
            bytes.push(QUOTE);
            q += 2;
            continue;
          }
          break;
        }
        if (b === CR) {
          bytes.push(LF);
          q += q + 1 < e && buf[q + 1] === LF ? 2 : 1;
          continue;
        }
        bytes.push(b);
        q++;
      }
      out.push(Buffer.from(bytes).toString('utf8'));
      p = q + 1;
    } else {
      let q = p;
      while (q < e && buf[q] !== COMMA) q++;
      out.push(buf.toString('utf8', p, q));
      p = q;
    }
    if (p < e && buf[p] === COMMA) {
      p++;
      continue;
    }
    return out;
  }
}
