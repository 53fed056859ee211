/**
 * Shared pieces of the fuzz tests (issue 6, point 5): byte-level mutations of valid files as fast-check
 * arbitraries, the "typed, located error" check, a deep NaN check, and the record of run counts for the closing note.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SwpError, type ExitCodeValue } from '../../src/model/errors.js';
import { ROOT } from '../helpers.js';

/** Where the figures for the closing note are written (test/.tmp is git-ignored). */
export const FIGURES_DIR = join(ROOT, 'test/.tmp/figures');

/** Write `figures` as JSON to test/.tmp/figures/<name>.json and print it. */
export function writeFigures(name: string, figures: unknown): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`[figures] ${name}: ${JSON.stringify(figures)}`);
}

/**
 * Run a property with fc.check, record the number of runs actually made under `runs[key]` (also when it fails, so an
 * failing property is counted), and throw fast-check's usual report, with the failure's message, on failure.
 */
export async function checkProperty<Ts extends [unknown, ...unknown[]]>(
  runs: Record<string, number>,
  key: string,
  property: fc.IAsyncPropertyWithHooks<Ts>,
  params: fc.Parameters<Ts> = {},
): Promise<void> {
  const details = await fc.check(property, params);
  runs[key] = details.numRuns;
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\nFailure: ${cause}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations

export type Mutation =
  | { kind: 'delete-range'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert-bytes'; at: number; bytes: number[] }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-columns'; line: number; a: number; b: number }
  | { kind: 'insert-quote'; at: number }
  | { kind: 'digit-to-letter'; nth: number; letter: string }
  | { kind: 'insert-nul'; at: number }
  | { kind: 'flip-line-ends' }
  | { kind: 'flip-one-line-end'; line: number }
  | { kind: 'lone-cr' }
  | { kind: 'pound-1252'; at: number }
  | { kind: 'utf16le-bom' }
  | { kind: 'utf16be-bom' }
  | { kind: 'replace-field'; line: number; field: number; text: string };

const NL = 0x0a;
const CR = 0x0d;

/** Split into lines, each keeping its own terminator ("\n", "\r\n" or none for the last). */
function splitLines(buf: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === NL) {
      lines.push(buf.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < buf.length) lines.push(buf.subarray(start));
  return lines;
}

function lineBody(line: Buffer): { body: Buffer; end: Buffer } {
  let cut = line.length;
  if (cut > 0 && line[cut - 1] === NL) cut--;
  if (cut > 0 && line[cut - 1] === CR) cut--;
  return { body: line.subarray(0, cut), end: line.subarray(cut) };
}

/** Apply one mutation; positions and indexes are taken modulo the current size, so any value applies to any file. */
export function applyMutation(input: Buffer, m: Mutation): Buffer {
  const pos = (at: number) => (input.length === 0 ? 0 : at % (input.length + 1));
  switch (m.kind) {
    case 'delete-range': {
      const at = pos(m.at);
      return Buffer.concat([input.subarray(0, at), input.subarray(Math.min(input.length, at + m.length))]);
    }
    case 'truncate':
      return input.subarray(0, pos(m.at));
    case 'insert-bytes':
    case 'insert-quote':
    case 'insert-nul':
    case 'pound-1252': {
      const at = pos(m.at);
      const bytes = m.kind === 'insert-bytes' ? Buffer.from(m.bytes) : Buffer.from([m.kind === 'insert-quote' ? 0x22 : m.kind === 'insert-nul' ? 0x00 : 0xa3]);
      return Buffer.concat([input.subarray(0, at), bytes, input.subarray(at)]);
    }
    case 'duplicate-line': {
      const lines = splitLines(input);
      if (lines.length === 0) return input;
      const i = m.line % lines.length;
      const copy = lineBody(lines[i]!).end.length === 0 ? Buffer.concat([lines[i]!, Buffer.from('\n')]) : lines[i]!;
      return Buffer.concat([...lines.slice(0, i + 1), copy, ...lines.slice(i + 1)]);
    }
    case 'swap-columns':
    case 'replace-field': {
      const lines = splitLines(input);
      if (lines.length === 0) return input;
      const i = m.line % lines.length;
      const { body, end } = lineBody(lines[i]!);
      // Naive comma split on purpose: a mutation need not respect quoting.
      const fields = body.toString('latin1').split(',');
      if (m.kind === 'swap-columns') {
        const a = m.a % fields.length;
        const b = m.b % fields.length;
        [fields[a], fields[b]] = [fields[b]!, fields[a]!];
      } else {
        // The new text as UTF-8 bytes; the other fields keep their bytes (latin1 round-trips every byte).
        fields[m.field % fields.length] = Buffer.from(m.text, 'utf8').toString('latin1');
      }
      lines[i] = Buffer.concat([Buffer.from(fields.join(','), 'latin1'), end]);
      return Buffer.concat(lines);
    }
    case 'digit-to-letter': {
      const digits: number[] = [];
      for (let i = 0; i < input.length; i++) if (input[i]! >= 0x30 && input[i]! <= 0x39) digits.push(i);
      if (digits.length === 0) return input;
      const out = Buffer.from(input);
      out[digits[m.nth % digits.length]!] = m.letter.charCodeAt(0);
      return out;
    }
    case 'flip-line-ends': {
      const text = input.toString('latin1');
      return Buffer.from(text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text.replace(/\n/g, '\r\n'), 'latin1');
    }
    case 'flip-one-line-end': {
      const lines = splitLines(input);
      if (lines.length === 0) return input;
      const i = m.line % lines.length;
      const { body, end } = lineBody(lines[i]!);
      const flipped = end.length === 2 ? '\n' : end.length === 1 ? '\r\n' : '';
      lines[i] = Buffer.concat([body, Buffer.from(flipped)]);
      return Buffer.concat(lines);
    }
    case 'lone-cr':
      return Buffer.from(input.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1');
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(input.toString('utf8'), 'utf16le')]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(input.toString('utf8'), 'utf16le').swap16()]);
  }
}

export function applyMutations(input: Buffer, ms: readonly Mutation[]): Buffer {
  return ms.reduce(applyMutation, input);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzOlIZSB'.split('');
const FIELD_TEXTS = ['', ' ', '-1', '1.5', '1e400', 'NaN', 'Infinity', '0x1F', '[c]', '[x]', '[z]', '..', '*', '-', '[p]', '12 [r]', '2016-13', 'Dec-16', '2016/12', '9999-99', '2016-02-30', '1,23', '1,234', '"', '""', '"a,b"', '<script>', '\u00a0', '\u200b', '£', '😀', '\u2028', '99999999999999999999', '0'];

/** Arbitrary for one mutation. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-range' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert-bytes' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-columns' as const), line: fc.nat(), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('insert-quote' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('digit-to-letter' as const), nth: fc.nat(), letter: fc.constantFrom(...LETTERS) }),
  fc.record({ kind: fc.constant('insert-nul' as const), at: fc.nat() }),
  fc.constant({ kind: 'flip-line-ends' as const }),
  fc.record({ kind: fc.constant('flip-one-line-end' as const), line: fc.nat() }),
  fc.constant({ kind: 'lone-cr' as const }),
  fc.record({ kind: fc.constant('pound-1252' as const), at: fc.nat() }),
  fc.constant({ kind: 'utf16le-bom' as const }),
  fc.constant({ kind: 'utf16be-bom' as const }),
  fc.record({ kind: fc.constant('replace-field' as const), line: fc.nat(), field: fc.nat(), text: fc.constantFrom(...FIELD_TEXTS) }),
);

/** One to four mutations, applied in order. */
export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });

/** Every mutation kind, for the closing note. */
export const MUTATION_KINDS = [
  'delete-range', 'truncate', 'insert-bytes', 'duplicate-line', 'swap-columns', 'insert-quote', 'digit-to-letter', 'insert-nul',
  'flip-line-ends', 'flip-one-line-end', 'lone-cr', 'pound-1252', 'utf16le-bom', 'utf16be-bom', 'replace-field',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** Upper bound on any line number a reader may report for these bytes: every CR or LF could end a line. */
export function maxLineOf(bytes: Uint8Array): number {
  let n = 1;
  for (const b of bytes) if (b === NL || b === CR) n++;
  return n;
}

/**
 * `e` must be an SwpError with `code` whose every problem names one of `files` and either a plausible line (a
 * positive integer no greater than `maxLine`) or, for a problem about the whole file, a non-empty message.
 * Columns, when given, are positive integers. Throws a descriptive Error otherwise.
 */
export function assertLocatedError(e: unknown, expect: { code: ExitCodeValue; files: readonly string[]; maxLine: number }): SwpError {
  if (!(e instanceof SwpError)) {
    const err = e as Error;
    throw new Error(`not an SwpError but ${err?.name ?? typeof e}: ${err?.message ?? String(e)}\n${err?.stack ?? ''}`);
  }
  if (e.code !== expect.code) throw new Error(`SwpError with exit code ${e.code}, expected ${expect.code}: ${e.message}`);
  if (e.problems.length === 0) throw new Error('SwpError without problems');
  for (const p of e.problems) {
    const where = JSON.stringify(p);
    if (typeof p.message !== 'string' || p.message.trim() === '') throw new Error(`problem without a message: ${where}`);
    if (p.file === undefined || !expect.files.includes(p.file)) throw new Error(`problem not located in ${expect.files.join(' or ')}: ${where}`);
    if (p.line !== undefined && !(Number.isInteger(p.line) && p.line >= 1 && p.line <= expect.maxLine)) {
      throw new Error(`problem line out of range 1..${expect.maxLine}: ${where}`);
    }
    if (p.column !== undefined && !(Number.isInteger(p.column) && p.column >= 1)) throw new Error(`problem column not a positive integer: ${where}`);
  }
  return e;
}

/** Throw if any number reachable from `value` (objects, arrays, Maps, Sets, typed arrays) is NaN or infinite. */
export function assertNoNaN(value: unknown, path = '$', seen = new Set<unknown>()): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    if (!(value instanceof DataView)) Array.from(value as unknown as ArrayLike<number>, (v, i) => assertNoNaN(v, `${path}[${i}]`, seen));
    return;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      assertNoNaN(k, `${path}<key>`, seen);
      assertNoNaN(v, `${path}.get(${String(k)})`, seen);
    }
    return;
  }
  if (value instanceof Set) {
    for (const v of value) assertNoNaN(v, `${path}<item>`, seen);
    return;
  }
  for (const [k, v] of Object.entries(value)) assertNoNaN(v, `${path}.${k}`, seen);
}

/**
 * `value` is null or a non-negative integer. (Safe integers are the readers' own check: a count beyond
 * Number.MAX_SAFE_INTEGER is refused with a located error, see the [FIXED BUG] case in readers.fuzz.test.ts.)
 */
export function assertCount(value: unknown, what: string, nullable = true): void {
  if (value === null && nullable) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`${what} is not a non-negative integer: ${String(value)}`);
}
