/** Fixing /CreationDate and /ModDate in place, on synthetic PDF bytes laid out as Chromium (Skia) writes them. */
import { describe, expect, it } from 'vitest';
import { ExitCode, SwpError } from '../../../src/model/errors.js';
import { dateFromSourceDateEpoch, pdfDateString, rewritePdfDates, trailerHasId } from '../../../src/pdf/pdf-dates.js';

/** A small, valid PDF 1.4 whose xref offsets are computed, with an Info dictionary as Chromium 156 writes it. */
function syntheticPdf(info: string, trailerExtra = ''): Buffer {
  const objects = [
    `<</Title (Test doc)\n/Creator (HeadlessChrome/156.0.0.0)\n/Producer (Skia/PDF m156)\n${info}>>`,
    '<</Type /Catalog\n/Pages 3 0 R>>',
    '<</Type /Pages\n/Count 0\n/Kids []>>',
  ];
  let body = '%PDF-1.4\n%\xa0\xa1\xa2\xa3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R${trailerExtra}>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(body, 'latin1');
}

/** Every xref entry points at `N 0 obj`. */
function xrefIsValid(pdf: Uint8Array): boolean {
  const text = Buffer.from(pdf).toString('latin1');
  const start = Number(/startxref\n(\d+)/.exec(text)?.[1]);
  if (!text.startsWith('xref', start)) return false;
  const entries = [...text.slice(start).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  return entries.every((off, i) => text.startsWith(`${i + 1} 0 obj`, off));
}

const CHROMIUM_INFO = "/CreationDate (D:20261125182637+00'00')\n/ModDate (D:20261125182637+00'00')";
const FIXED = new Date('2017-03-31T23:59:58Z');

describe('pdfDateString', () => {
  it("writes UTC in Chromium's fixed-length form", () => {
    expect(pdfDateString(FIXED)).toBe("D:20170331235958+00'00'");
    expect(pdfDateString(FIXED).length).toBe(23);
    expect(pdfDateString(new Date(0))).toBe("D:19700101000000+00'00'");
  });

  it('matches the zone style it replaces', () => {
    expect(pdfDateString(FIXED, 'Z')).toBe('D:20170331235958Z');
    expect(pdfDateString(FIXED, '')).toBe('D:20170331235958');
    expect(pdfDateString(FIXED, "-08'00")).toBe("D:20170331235958+00'00");
  });
});

describe('rewritePdfDates', () => {
  it('sets both dates in place: same length, valid xref, nothing else changed', () => {
    const pdf = syntheticPdf(CHROMIUM_INFO);
    expect(xrefIsValid(pdf)).toBe(true);
    const r = rewritePdfDates(pdf, FIXED);
    expect(r.replaced).toBe(2);
    expect(r.hasFileId).toBe(false);
    expect(r.pdf.byteLength).toBe(pdf.byteLength);
    expect(xrefIsValid(r.pdf)).toBe(true);
    const out = Buffer.from(r.pdf).toString('latin1');
    expect(out).toContain("/CreationDate (D:20170331235958+00'00')");
    expect(out).toContain("/ModDate (D:20170331235958+00'00')");
    // Only the 14 digits of each date changed.
    const diff = [...pdf].filter((b, i) => b !== r.pdf[i]).length;
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThanOrEqual(28);
  });

  it('makes two renders from different moments byte-identical', () => {
    const a = rewritePdfDates(syntheticPdf(CHROMIUM_INFO), FIXED).pdf;
    const b = rewritePdfDates(syntheticPdf("/CreationDate (D:20300101000001+00'00')\n/ModDate (D:20300101000002+00'00')"), FIXED).pdf;
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  it('does not alter the caller’s bytes', () => {
    const pdf = syntheticPdf(CHROMIUM_INFO);
    const copy = Buffer.from(pdf);
    rewritePdfDates(pdf, FIXED);
    expect(Buffer.compare(pdf, copy)).toBe(0);
  });

  it('handles other zone forms without changing the length', () => {
    const pdf = syntheticPdf('/CreationDate (D:20261125182637Z)\n/ModDate (D:20261125182637-05\'00\')');
    const r = rewritePdfDates(pdf, FIXED);
    expect(r.replaced).toBe(2);
    expect(r.pdf.byteLength).toBe(pdf.byteLength);
    expect(xrefIsValid(r.pdf)).toBe(true);
    expect(Buffer.from(r.pdf).toString('latin1')).toContain('/CreationDate (D:20170331235958Z)');
  });

  it('leaves a structure element /ID alone and reports a trailer /ID', () => {
    const withStructId = syntheticPdf(`${CHROMIUM_INFO}\n/ID (node00000012)`);
    expect(rewritePdfDates(withStructId, FIXED).hasFileId).toBe(false);
    const withFileId = syntheticPdf(CHROMIUM_INFO, '\n/ID [<0123456789abcdef> <0123456789abcdef>]');
    expect(rewritePdfDates(withFileId, FIXED).hasFileId).toBe(true);
    expect(trailerHasId('1 0 obj\n<</Type /XRef /Size 3 /ID [<01><02>]>>\nstream\n')).toBe(true);
  });

  it('reports none replaced when there are no dates', () => {
    expect(rewritePdfDates(syntheticPdf(''), FIXED).replaced).toBe(0);
  });
});

describe('dateFromSourceDateEpoch', () => {
  it('reads whole seconds since 1970', () => {
    expect(dateFromSourceDateEpoch('1490918400')?.toISOString()).toBe('2017-03-31T00:00:00.000Z');
    expect(dateFromSourceDateEpoch('0')?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(dateFromSourceDateEpoch(undefined)).toBeUndefined();
    expect(dateFromSourceDateEpoch('')).toBeUndefined();
  });

  it.each(['-1', '1.5', 'yesterday', '1e9', '999999999999'])('refuses %s with a USAGE error', (v) => {
    let err: unknown;
    try {
      dateFromSourceDateEpoch(v);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SwpError);
    expect((err as SwpError).code).toBe(ExitCode.USAGE);
    expect((err as SwpError).problems[0]?.keyPath).toBe('SOURCE_DATE_EPOCH');
  });
});
