/** The SVG helpers: escaping, rounding, wording, and text layout. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  decimalsFor,
  escapeXml,
  formatNumber,
  monthList,
  n,
  safeId,
  spreadLabels,
  textWidth,
  wrapText,
} from '../../../../src/render/charts/svg.js';
import { parseXml } from './xml.js';

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  it('replaces characters XML cannot carry', () => {
    expect(escapeXml('a\u0000b\u001fc\ud800d')).toBe('a\ufffdb\ufffdc\ufffdd');
    expect(escapeXml('tab\tnew\nline \ud83d\ude00')).toBe('tab\tnew\nline \ud83d\ude00');
  });

  it('round-trips any string through a strict parser', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const doc = parseXml(`<t a="${escapeXml(s)}">${escapeXml(s)}</t>`);
        const clean = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\ufffd');
        expect(doc.text).toBe(clean);
        expect(doc.attrs['a']).toBe(clean);
      }),
    );
  });
});

describe('n (coordinates)', () => {
  it('rounds to 2 decimals without trailing zeros or negative zero', () => {
    expect(n(1.005)).toBe('1'); // binary 1.00499…
    expect(n(12.3456)).toBe('12.35');
    expect(n(10)).toBe('10');
    expect(n(-0.001)).toBe('0');
    expect(n(-3.14159)).toBe('-3.14');
  });
  it('refuses a non-finite coordinate rather than write NaN into the SVG', () => {
    expect(() => n(Number.NaN)).toThrow();
    expect(() => n(Infinity)).toThrow();
  });
});

describe('wording', () => {
  it('formats numbers in en-GB and treats null as not available', () => {
    expect(formatNumber(1801.33, 0)).toBe('1,801');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatNumber(null, 1)).toBe('[x]');
    expect(formatNumber(null, 1, '[c]')).toBe('[c]');
  });
  it('picks decimals by size, none for whole numbers', () => {
    expect(decimalsFor([1801.3])).toBe(0);
    expect(decimalsFor([25.5, 26.8])).toBe(1);
    expect(decimalsFor([0.6, 0.56])).toBe(2);
    expect(decimalsFor([0, 10, 12])).toBe(0);
    expect(decimalsFor([null])).toBe(0);
  });
  it('lists months as ranges', () => {
    expect(monthList(['2016-11', '2016-12'])).toBe('November to December 2016');
    expect(monthList(['2016-12', '2017-01', '2014-03'])).toBe('March 2014 and December 2016 to January 2017');
    expect(monthList(['2014-01', '2014-03', '2014-05', '2014-07', '2014-09', '2014-11'])).toBe('January 2014, March 2014, May 2014, July 2014 and 2 more periods');
  });
  it('makes safe ids', () => {
    expect(safeId('spc-recorded-crime.all')).toBe('spc-recorded-crime-all');
    expect(safeId('1 <b>')).toBe('c-1-b');
    expect(safeId('')).toBe('c-chart');
  });
});

describe('text layout', () => {
  it('estimates wider for wider text', () => {
    expect(textWidth('WWW', 10)).toBeGreaterThan(textWidth('iii', 10));
    expect(textWidth('abc', 20)).toBeCloseTo(2 * textWidth('abc', 10), 6);
    expect(textWidth('abc', 10, true)).toBeGreaterThan(textWidth('abc', 10));
  });
  it('wraps to the width, cutting over-long words and ending with an ellipsis past the last line', () => {
    const lines = wrapText('Successful completions of drug and alcohol treatment', 150, 11);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 11)).toBeLessThanOrEqual(150);
    expect(lines.join(' ')).toBe('Successful completions of drug and alcohol treatment');
    const long = wrapText('Supercalifragilisticexpialidocious', 60, 11, 5);
    for (const l of long) expect(textWidth(l, 11)).toBeLessThanOrEqual(60);
    const cut = wrapText('one two three four five six seven eight nine ten', 40, 11, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]?.endsWith('…')).toBe(true);
  });
  it('spreads labels so they never overlap and stay in bounds', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: 1, maxLength: 6 }), (ys) => {
        const out = spreadLabels(ys, 20, 0, 200);
        const sorted = [...out].sort((a, b) => a - b);
        for (let i = 1; i < sorted.length; i++) expect((sorted[i] as number) - (sorted[i - 1] as number)).toBeGreaterThanOrEqual(20 - 1e-6);
        for (const y of out) {
          expect(y).toBeGreaterThanOrEqual(10 - 1e-6);
          expect(y).toBeLessThanOrEqual(190 + 1e-6);
        }
      }),
      { numRuns: 500 },
    );
    expect(spreadLabels([50, 150], 20, 0, 200)).toEqual([50, 150]);
  });
});
