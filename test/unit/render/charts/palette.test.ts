/**
 * Colour contrast, computed here independently of the code under test (WCAG 2.2 relative luminance and contrast
 * ratio): every colour that carries meaning reaches 3:1 against white (SC 1.4.11), text colours 4.5:1 (SC 1.4.3),
 * and every colour a chart actually draws with is either such a colour or a declared light fill.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { CATEGORICAL, FILLS, PALETTE } from '../../../../src/render/charts/palette.js';
import { comparisonChart, priorityMatrix, spcChart, trendChart } from '../../../../src/render/charts/index.js';
import { CRITERION_LABELS, PRIORITIES, indicator } from './fixtures.js';
import { ROOT } from '../../../helpers.js';
import { all, parseSvg } from './xml.js';

/** WCAG 2.x relative luminance of an sRGB colour "#rrggbb". */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not #rrggbb: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? '0', 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('WCAG arithmetic (checked against known values)', () => {
  it('gives 21:1 for black on white and 1:1 for white on white', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });
  it('gives the often-quoted ratios of #767676 (4.54:1, the lightest grey passing AA) and #777777 (4.48:1)', () => {
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

describe('palette', () => {
  const table = Object.entries(PALETTE).map(([name, hex]) => ({ name, hex, ratio: contrast(hex, '#ffffff') }));

  it.each(table)('$name $hex has at least 3:1 against white', ({ hex, ratio }) => {
    expect(ratio, hex).toBeGreaterThanOrEqual(3);
  });

  it('the ratios written beside the colours in palette.ts are the computed ones', () => {
    const source = readFileSync(join(ROOT, 'src/render/charts/palette.ts'), 'utf8');
    const stated = [...source.matchAll(/'(#[0-9a-f]{6})',\s*\/\/[^\n]*?(\d+\.\d):1/gi)];
    expect(stated.length).toBeGreaterThan(20);
    for (const [, hex, ratio] of stated) expect(contrast(hex as string, '#ffffff'), hex).toBeCloseTo(Number(ratio), 1);
  });

  it('text colours reach 4.5:1', () => {
    for (const hex of [PALETTE.text, PALETTE.muted]) expect(contrast(hex, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it.each(CATEGORICAL.map((hex, i) => ({ i, hex })))('criterion colour $i ($hex) has at least 3:1 against white', ({ hex }) => {
    expect(contrast(hex, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('markers and whiskers keep 3:1 on the striped rows of the comparison chart', () => {
    for (const hex of [PALETTE.better, PALETTE.similar, PALETTE.worse, PALETTE.noJudgement, PALETTE.notCompared, PALETTE.national]) {
      expect(contrast(hex, FILLS.stripe), hex).toBeGreaterThanOrEqual(3);
    }
  });

  it('the SPC meanings differ from each other, not only from white', () => {
    // Improvement and concern must not be confused with common cause grey by lightness alone.
    expect(contrast(PALETTE.spcImprovement, PALETTE.spcConcern)).toBeGreaterThan(1.2);
    expect(contrast(PALETTE.spcNeutral, PALETTE.spcCommon)).toBeGreaterThan(2);
  });

  it('every colour drawn by the charts is in the palette (3:1) or a declared fill', () => {
    const ind = indicator({
      comparison: 'worse',
      spc: {
        ...indicator().spc!,
        signals: [
          { period: '2014-04', rule: 'outside_limits', direction: 'low', meaning: 'improvement' },
          { period: '2016-12', rule: 'outside_limits', direction: 'high', meaning: 'concern' },
          { period: '2015-06', rule: 'shift', direction: 'high', meaning: 'neutral' },
        ],
      },
    });
    const svgs = [
      trendChart(ind, { ci: ind.trend!.points.map((p) => ({ label: p.period.label, value: p.value, lower: (p.value ?? 0) - 1, upper: (p.value ?? 0) + 1 })) }).svg,
      comparisonChart([ind, indicator({ id: 'b', comparison: 'similar' }), indicator({ id: 'c', comparison: 'higher' }), indicator({ id: 'd', value: null, comparison: 'not-compared' })]).svg,
      spcChart(ind.spc!, { label: 'x', target: 500 }).svg,
      priorityMatrix(PRIORITIES, { criterionLabels: CRITERION_LABELS }).svg,
    ];
    const allowedFills = new Set<string>([...Object.values(FILLS), '#ffffff']);
    const seen = new Set<string>();
    for (const svg of svgs) {
      for (const e of all(parseSvg(svg))) {
        for (const attr of ['fill', 'stroke']) {
          const v = e.attrs[attr];
          if (!v || v === 'none' || v.startsWith('url(#')) continue;
          seen.add(v);
          if (attr === 'fill' && allowedFills.has(v)) continue;
          if (attr === 'stroke' && v === '#ffffff') continue; // separators between segments and around markers
          expect(contrast(v, '#ffffff'), `${e.name} ${attr}=${v}`).toBeGreaterThanOrEqual(3);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});
