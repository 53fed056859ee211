/**
 * Reading single values from official CSVs: counts with thousands separators, the official symbols for figures that
 * are not published, and provisional/revised flags.
 *
 * Symbols follow the Government Statistical Service guidance "Symbols in tables, definitions and help" (GSS, 2021):
 * [c] confidential, [x] not available, [z] not applicable, [low] rounds to zero, [u] low reliability, [p]
 * provisional, [r] revised; older tables use `..`, `*`, `-` and `:`. A suppressed figure is "not published" —
 * never zero.
 */

import type { Absence, Revision } from '../model/data.js';

export type { Absence, Revision };

/** Markers, as written in the file (lower-cased), and what they mean. */
const MARKERS: Record<string, Absence> = {
  '[c]': 'suppressed',
  '*': 'suppressed',
  '[x]': 'not-available',
  x: 'not-available',
  '..': 'not-available',
  ':': 'not-available',
  '[z]': 'not-applicable',
  '-': 'not-applicable',
  '[low]': 'rounds-to-zero',
};

/** The symbols recognised as "not published", for messages and docs. */
export const SUPPRESSION_MARKERS = Object.keys(MARKERS);


export type ParsedNumber =
  | { kind: 'value'; value: number; revision?: Revision; lowReliability?: boolean }
  | { kind: 'absent'; absence: Absence; marker: string }
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: string };

const FLAG_RE = /\s*\[(p|r|u)\]\s*$/i;
// "1,234" and "1234" and "-3" and "12.5"; thousands groups must be well-formed so "1,23" is not read as 123.
const NUMBER_RE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Parse a numeric cell. Never throws: the caller turns `invalid` into a located error. */
export function parseNumber(raw: string): ParsedNumber {
  let text = raw.trim();
  if (text === '') return { kind: 'empty' };
  const marker = MARKERS[text.toLowerCase()];
  if (marker) return { kind: 'absent', absence: marker, marker: text };
  let revision: Revision | undefined;
  let lowReliability = false;
  for (let m = FLAG_RE.exec(text); m; m = FLAG_RE.exec(text)) {
    const f = m[1]!.toLowerCase();
    if (f === 'p') revision = 'provisional';
    else if (f === 'r') revision = 'revised';
    else lowReliability = true;
    text = text.slice(0, m.index);
  }
  if (!NUMBER_RE.test(text)) {
    return { kind: 'invalid', reason: 'not a number' };
  }
  const value = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(value)) return { kind: 'invalid', reason: 'not a finite number' };
  // Beyond 2^53 a number is silently rounded: no real count is that large, so it is a corrupted cell.
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return { kind: 'invalid', reason: 'too large to be a count' };
  const out: ParsedNumber = { kind: 'value', value };
  if (revision) out.revision = revision;
  if (lowReliability) out.lowReliability = true;
  return out;
}

/** Result of reading a count: a non-negative integer, or absent for a stated reason. */
export type CountCell = { value: number; absence?: undefined; revision?: Revision } | { value: null; absence: Absence; marker: string };

/** Expected-value text for count columns, shared by every reader's messages. */
export const COUNT_EXPECTED = 'a whole number of 0 or more (e.g. 1234 or "1,234"), or a suppression marker such as [c] or *';
