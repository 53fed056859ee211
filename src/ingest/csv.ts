/**
 * The streaming CSV reader every input format goes through.
 *
 * It turns bytes into located rows and nothing more: decoding (UTF-8 with or without BOM, UTF-16 with BOM,
 * Windows-1252 declared or detected), sniffing the delimiter (comma or tab), refusing binary files, and mapping
 * csv-parse's own failures (unbalanced quotes and the like) to SwpError with a file and line. Which row is the
 * header and what the fields mean is the business of each format's reader (see ./formats/).
 *
 * The file is never held in memory: bytes stream through a decoding Transform into csv-parse, and rows are pulled
 * one at a time with back-pressure.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse, CsvError } from 'csv-parse';
import { ExitCode, SwpError, showFound, type Problem, type Warning } from '../model/errors.js';

/** Declared encoding of a file; `auto` detects UTF-8/UTF-16 and falls back to Windows-1252 with a warning. */
export type Encoding = 'auto' | 'utf-8' | 'windows-1252' | 'utf-16le';

export interface CsvReadOptions {
  /** Path shown to the user in messages (usually relative to the workspace). Defaults to `path`. */
  displayPath?: string;
  encoding?: Encoding;
  /** Field delimiter; `auto` (default) sniffs tab versus comma from the first line. */
  delimiter?: 'auto' | ',' | '\t' | ';';
  /** Called for each non-fatal note (e.g. a Windows-1252 fallback). */
  onWarning?: (w: Warning) => void;
}

/** A CSV record with the physical line it ended on (1-based; the first line of the file is 1). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Longest record accepted; real rows are a few hundred bytes. */
const MAX_RECORD_BYTES = 1 << 20;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Length of an incomplete UTF-8 sequence at the end of `buf` (0 if it ends on a character boundary). */
function incompleteUtf8Tail(buf: Buffer): number {
  // Walk back over at most 3 continuation bytes to the lead byte and compare the sequence length it announces.
  for (let back = 1; back <= Math.min(4, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * A Transform that decodes bytes to text. In `auto` mode it starts as strict UTF-8 and, at the first byte sequence
 * that is not valid UTF-8, switches to Windows-1252 for the rest of the file: every byte of an ASCII or UTF-8 prefix
 * means the same in both, and Excel's "CSV" exports in England are Windows-1252 (the £ sign is the usual tell).
 */
class DecodeStream extends Transform {
  private mode: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | undefined;
  private carry: Buffer = Buffer.alloc(0);
  private first = true;
  private lineNo = 1;
  /** A '\r' that ended the previous chunk: it may be the first half of a CRLF. */
  private pendingCR = false;
  private readonly utf16: TextDecoder[] = [];

  constructor(
    private readonly declared: Encoding,
    private readonly displayPath: string,
    private readonly onWarning: ((w: Warning) => void) | undefined,
  ) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    if (declared !== 'auto') this.mode = declared;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      let buf = chunk;
      if (this.first) {
        this.first = false;
        buf = this.sniff(buf);
      }
      this.push(this.normaliseLineEnds(this.decode(buf, false), false));
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      const tail = this.normaliseLineEnds(this.decode(Buffer.alloc(0), true), true);
      if (tail) this.push(tail);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  /** Recognise BOMs and binary files on the first chunk; returns the chunk without its BOM. */
  private sniff(buf: Buffer): Buffer {
    if (buf.subarray(0, 4).equals(ZIP_MAGIC) || buf.subarray(0, 4).equals(OLE_MAGIC)) {
      throw new SwpError(ExitCode.INPUT, {
        message: 'this is a spreadsheet workbook (xlsx/xls), not a CSV file',
        file: this.displayPath,
        expected: 'a CSV text file',
        found: 'binary workbook data',
        hint: 'open it in your spreadsheet program and "Save As" CSV UTF-8 (Comma delimited)',
      });
    }
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      this.mode ??= 'utf-8';
      return buf.subarray(3);
    }
    if (buf[0] === 0xff && buf[1] === 0xfe) {
      this.mode = 'utf-16le';
      return buf.subarray(2);
    }
    if (buf[0] === 0xfe && buf[1] === 0xff) {
      this.mode = 'utf-16be';
      return buf.subarray(2);
    }
    this.mode ??= 'utf-8';
    return buf;
  }

  private decode(buf: Buffer, final: boolean): string {
    const mode = this.mode ?? 'utf-8';
    if (mode === 'utf-16le' || mode === 'utf-16be') {
      // TextDecoder keeps an odd trailing byte between calls in streaming mode.
      this.utf16[0] ??= new TextDecoder(mode === 'utf-16le' ? 'utf-16le' : 'utf-16be');
      return this.checkText(this.utf16[0].decode(buf, { stream: !final }));
    }
    if (mode === 'windows-1252') return this.checkText(new TextDecoder('windows-1252').decode(buf));
    const all = this.carry.length ? Buffer.concat([this.carry, buf]) : buf;
    const keep = final ? 0 : incompleteUtf8Tail(all);
    const body = all.subarray(0, all.length - keep);
    this.carry = Buffer.from(all.subarray(all.length - keep));
    try {
      return this.checkText(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch (e) {
      if (e instanceof SwpError) throw e;
      // The line of the first bad byte: the lines already passed plus the newlines before it in this chunk.
      const bad = firstInvalidUtf8(body);
      let badLine = this.lineNo;
      for (let i = 0; i < bad; i++) if (body[i] === 0x0a) badLine++;
      if (this.declared === 'utf-8') {
        throw new SwpError(ExitCode.INPUT, {
          message: 'the file is not valid UTF-8',
          file: this.displayPath,
          line: badLine,
          expected: 'UTF-8 text (as declared in the config)',
          found: 'bytes that are not UTF-8 (often a £ sign saved by Excel as Windows-1252)',
          hint: 'set encoding: windows-1252 for this input in swp.config.yaml, or re-save the file as CSV UTF-8',
        });
      }
      this.mode = 'windows-1252';
      this.onWarning?.({
        message: 'not valid UTF-8: read as Windows-1252 (Excel\'s usual "CSV" encoding)',
        file: this.displayPath,
        line: badLine,
      });
      return this.checkText(new TextDecoder('windows-1252').decode(body));
    }
  }

  /**
   * CRLF and lone CR become LF. Files mix them (a title row saved on one system, data on another), and csv-parse
   * both keeps a stray '\r' in the last field and counts a quoted CRLF as two lines when it guesses wrong.
   */
  private normaliseLineEnds(text: string, final: boolean): string {
    let t = this.pendingCR ? `\r${text}` : text;
    this.pendingCR = false;
    if (!final && t.endsWith('\r')) {
      this.pendingCR = true;
      t = t.slice(0, -1);
    }
    return t.replace(/\r\n?/g, '\n');
  }

  /** Reject NUL characters (a binary or corrupted file) and keep the line count for messages. */
  private checkText(text: string): string {
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      const line = this.lineNo + countNewlines(text, nul);
      throw new SwpError(ExitCode.INPUT, {
        message: 'the file contains a NUL byte: it is binary or corrupted, not CSV text',
        file: this.displayPath,
        line,
        expected: 'CSV text',
        found: 'a NUL (0x00) byte',
        hint: this.mode === 'utf-8' ? 'if it is a UTF-16 export, save it again as CSV UTF-8; otherwise export the data again' : 'export the data again as CSV',
      });
    }
    this.lineNo += countNewlines(text, text.length);
    return text;
  }
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence (buf.length if none). */
function firstInvalidUtf8(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((buf[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return buf.length;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Sniff the delimiter (tab or comma) from the first line that has two or more of either. */
async function sniffDelimiter(path: string): Promise<',' | '\t'> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    let text = buf.subarray(0, bytesRead).toString('latin1');
    // UTF-16: drop the zero bytes so ASCII delimiters can be counted.
    if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) text = text.replace(/\u0000/g, '');
    // Decide on the first line that has at least two delimiters of either kind: official files may open with a
    // title row such as "Population estimates, mid-2016" above a tab-separated header, and ONS tab-separated data
    // rows hold "1,234" numbers, so neither the very first line nor a count over all lines is reliable.
    let firstTabs = -1;
    let firstCommas = 0;
    for (const line of text.split(/\r?\n/).slice(0, 12)) {
      let tabs = 0;
      let commas = 0;
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (!quoted && ch === '\t') tabs++;
        else if (!quoted && ch === ',') commas++;
      }
      if (Math.max(tabs, commas) >= 2) return tabs > commas ? '\t' : ',';
      if (firstTabs < 0) [firstTabs, firstCommas] = [tabs, commas];
    }
    return firstTabs > firstCommas ? '\t' : ',';
  } finally {
    await fh.close();
  }
}

/** Map csv-parse's errors (which carry `lines`) to a located SwpError. */
function toSwpError(err: CsvError, displayPath: string): SwpError {
  const e = err as CsvError & { lines?: number; column?: number | string };
  const base: Problem = { message: err.message, file: displayPath, line: e.lines };
  // csv-parse's typings omit some codes it throws (e.g. INVALID_OPENING_QUOTE), so compare as strings.
  switch (String(err.code)) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new SwpError(ExitCode.INPUT, {
        ...base,
        message: 'a quoted field is never closed (unbalanced double quote)',
        expected: 'a closing " before the end of the file',
        found: 'the end of the file inside a quoted field',
        hint: 'look for a stray " in the line given or above it; the file may also be truncated',
      });
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new SwpError(ExitCode.INPUT, {
        ...base,
        message: 'a quoted field is followed by other characters',
        expected: 'a delimiter or line end after a closing quote',
        found: 'more text after the closing "',
        hint: 'a " inside a quoted field must be doubled ("")',
      });
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return new SwpError(ExitCode.INPUT, {
        ...base,
        message: 'a double quote appears in the middle of an unquoted field',
        expected: 'fields that contain " to be wrapped in quotes, with inner quotes doubled',
        found: 'a bare "',
        hint: 'quote the whole field and double the inner quote ("")',
      });
    case 'CSV_MAX_RECORD_SIZE':
      return new SwpError(ExitCode.INPUT, {
        ...base,
        message: 'a record is longer than 1 MB',
        expected: 'rows of ordinary length',
        found: 'a row that never ends, usually because of an unbalanced double quote',
        hint: 'look for a stray " near the start of this record',
      });
    default:
      return new SwpError(ExitCode.INPUT, { ...base, message: `the file could not be read as CSV: ${err.message}` });
  }
}

/**
 * Stream the records of a CSV file with their line numbers. Empty lines are skipped; rows keep their own field
 * count (checking it against the header is the format reader's job, so it can name the column).
 *
 * @throws SwpError(INPUT) for a missing file, a binary file, undecodable text or broken quoting.
 */
export async function* readCsvRows(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRow> {
  const displayPath = options.displayPath ?? path;
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      throw new SwpError(ExitCode.INPUT, {
        message: 'expected a file but found a folder',
        file: displayPath,
        hint: 'point the config at a CSV file, or use a folder setting (e.g. crime.policeUk.folder)',
      });
    }
    size = st.size;
  } catch (e) {
    if (e instanceof SwpError) throw e;
    throw new SwpError(ExitCode.INPUT, {
      message: 'the file does not exist or cannot be read',
      file: displayPath,
      found: (e as NodeJS.ErrnoException).code ?? String(e),
      hint: 'check the path in swp.config.yaml; paths are relative to the folder holding the config file',
    });
  }
  if (size === 0) {
    throw new SwpError(ExitCode.INPUT, {
      message: 'the file is empty (0 bytes)',
      file: displayPath,
      expected: 'a header line and data rows',
      found: 'an empty file',
      hint: 'the export may have failed; download or export the file again',
    });
  }
  const delimiter = options.delimiter === undefined || options.delimiter === 'auto' ? await sniffDelimiter(path) : options.delimiter;

  const decoder = new DecodeStream(options.encoding ?? 'auto', displayPath, options.onWarning);
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    // A line with only delimiters (",,,,") is what spreadsheets leave at the end: treat as empty.
    skip_records_with_empty_values: true,
    info: true,
    bom: false,
    // An unbalanced quote would otherwise swallow the rest of the file into one field, in memory.
    max_record_size: MAX_RECORD_BYTES,
  });
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  // Wire errors by hand: whichever stage fails first destroys the parser, which ends the iteration with that error.
  source.on('error', (e) => parser.destroy(e));
  decoder.on('error', (e) => parser.destroy(e));
  source.pipe(decoder).pipe(parser);
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: rec.info.lines, fields: rec.record };
    }
  } catch (e) {
    if (e instanceof SwpError) throw e;
    if (e instanceof CsvError) throw toSwpError(e, displayPath);
    throw new SwpError(ExitCode.INPUT, {
      message: `the file could not be read: ${(e as Error).message}`,
      file: displayPath,
    }, { cause: e });
  } finally {
    source.destroy();
    decoder.destroy();
    parser.destroy();
  }
}

/** Describe a header for a message: the first few names, quoted. */
export function describeHeader(fields: string[]): string {
  const shown = fields.slice(0, 6).map((f) => showFound(f, 30)).join(', ');
  return fields.length > 6 ? `${shown}, … (${fields.length} columns)` : shown;
}

/** Normalise a header cell for matching: trim, drop notes such as "[note 10]", lower-case, collapse spaces. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .replace(/\[note[^\]]*\]/gi, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}
