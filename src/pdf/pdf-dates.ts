/**
 * Reproducible PDFs. Two Chromium renders of the same page differ only in the document information dictionary's
 * /CreationDate and /ModDate (measured with Chromium 156: Skia writes both as `D:YYYYMMDDHHmmss+00'00'`, always in
 * UTC whatever TZ is; no trailer /ID and no XMP metadata stream are written). So the fix is to overwrite both dates
 * with one derived from SOURCE_DATE_EPOCH or `--date` (https://reproducible-builds.org/specs/source-date-epoch/).
 *
 * The replacement has exactly the length of the original, so every byte offset in the cross-reference table stays
 * right and the file needs no rewriting. The dictionary is written as plain text (PDF 1.4, no object streams).
 */
import { ExitCode, SwpError, showFound } from '../model/errors.js';

/** `D:YYYYMMDDHHmmss` followed by a zone: `Z`, `+HH'mm'` (with or without the final quote) or nothing. */
const DATE_ENTRY = /\/(CreationDate|ModDate)\s*\((D:\d{14})((?:Z|[+-]\d{2}'\d{2}'?)?)\)/g;

/**
 * A date's PDF form in UTC: `D:YYYYMMDDHHmmss` and a zone written like `zoneLike` (Chromium's `+00'00'` by default;
 * also `Z`, `+00'00` or none), so a replacement keeps the length of the date it replaces.
 */
export function pdfDateString(date: Date, zoneLike = "+00'00'"): string {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid date');
  const y = date.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`year ${y} cannot be written as a PDF date`);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const zone = zoneLike === '' || zoneLike === 'Z' ? zoneLike : zoneLike.endsWith("'") ? "+00'00'" : "+00'00";
  return `D:${p(y, 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}${zone}`;
}

/** What `rewritePdfDates` did. */
export interface DateRewrite {
  /** The PDF with both dates set (the same length as the input). */
  pdf: Uint8Array;
  /** How many date entries were replaced. */
  replaced: number;
  /** Whether the trailer carries a file /ID (Chromium writes none; if one appears it would differ between runs). */
  hasFileId: boolean;
}

/**
 * Set every /CreationDate and /ModDate in `pdf` to `date`, in place and at the same length, so the xref table
 * stays valid. `replaced` says how many were found (Chromium: 2); the caller decides what none means.
 */
export function rewritePdfDates(pdf: Uint8Array, date: Date): DateRewrite {
  // latin1 maps each byte to one UTF-16 unit and back, so string offsets are byte offsets.
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const out = Buffer.from(pdf); // a copy: never alter the caller's bytes
  let replaced = 0;
  for (const m of text.matchAll(DATE_ENTRY)) {
    const stamp = m[2] ?? '';
    const zone = m[3] ?? '';
    const fixed = pdfDateString(date, zone);
    const at = (m.index ?? 0) + m[0].indexOf(stamp);
    const original = stamp + zone;
    if (fixed.length !== original.length) throw new Error(`PDF date ${original} and ${fixed} differ in length`);
    out.write(fixed, at, 'latin1');
    replaced += 1;
  }
  return { pdf: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), replaced, hasFileId: trailerHasId(text) };
}

/** Whether a trailer dictionary, or a cross-reference stream's dictionary (PDF 1.5+), carries a file /ID. */
export function trailerHasId(pdfText: string): boolean {
  for (const m of pdfText.matchAll(/trailer\s*<<([\s\S]*?)>>\s*startxref/g)) {
    if (/\/ID\s*\[/.test(m[1] ?? '')) return true;
  }
  for (const m of pdfText.matchAll(/\/Type\s*\/XRef/g)) {
    const from = pdfText.lastIndexOf(' obj', m.index);
    const to = pdfText.indexOf('stream', m.index);
    if (/\/ID\s*\[/.test(pdfText.slice(from, to === -1 ? undefined : to))) return true;
  }
  return false;
}

/**
 * The date SOURCE_DATE_EPOCH names (whole seconds since 1970-01-01T00:00:00Z), or undefined when it is unset.
 * A value that is not a non-negative integer is a USAGE error, as the spec asks tools to refuse it.
 */
export function dateFromSourceDateEpoch(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  const seconds = /^\d{1,12}$/.test(v) ? Number(v) : NaN;
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(date.getTime()) || date.getUTCFullYear() > 9999) {
    throw new SwpError(ExitCode.USAGE, {
      message: 'SOURCE_DATE_EPOCH is not a number of seconds since 1970',
      keyPath: 'SOURCE_DATE_EPOCH',
      expected: 'a whole number of seconds, e.g. 1490918400 for 2017-03-31',
      found: showFound(value),
      hint: 'set it to the output of `date +%s` for the date the documents should carry, or unset it',
    });
  }
  return date;
}
