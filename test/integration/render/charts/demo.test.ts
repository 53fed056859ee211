/**
 * Every chart for the demo workspace's real numbers, written to a new swp-charts- folder under the system temp
 * folder, one .svg each (and a contact sheet, index.html) so they can be looked at: `rsvg-convert -w 1280 x.svg -o x.png`. Checks here are light: that every
 * chart is well formed and accessible; the detailed checks are in the other test files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Assessment, Report } from '../../../../src/model/contract.js';
import { comparisonChart, priorityMatrix, spcChart, trendChart, type ChartResult } from '../../../../src/render/charts/index.js';
import { CRITERION_LABELS, PRIORITIES } from '../../../unit/render/charts/fixtures.js';
import { parseSvg } from '../../../unit/render/charts/xml.js';
import { tempDir } from '../../../helpers.js';
import { demoJson } from '../../demo-json.js';

// A folder of this run's own (its path is printed) so two runs never write over each other.
const OUT = tempDir('swp-charts-');
describe('charts for the demo workspace', () => {
  let assessment: Assessment;
  let report: Report;
  const charts: Record<string, ChartResult> = {};

  beforeAll(async () => {
    ({ assessment, report } = await demoJson());
    const area = assessment.area.name;

    for (const ind of assessment.indicators) {
      if (ind.trend) charts[`trend-${ind.id}`] = trendChart(ind, { idPrefix: `trend-${ind.id}`, areaLabel: area });
    }
    const compared = assessment.indicators.filter((i) => i.group === 'recorded-crime' || i.group === 'anti-social-behaviour' || i.group === 'reoffending' || i.group === 'treatment');
    charts['comparison'] = comparisonChart(compared, { idPrefix: 'cmp', areaLabel: area });
    charts['comparison-all'] = comparisonChart(assessment.indicators, { idPrefix: 'cmp-all', areaLabel: area });
    charts['comparison-absolute'] = comparisonChart(
      assessment.indicators.filter((i) => i.unit === 'per 1,000 residents' && (i.value ?? 0) > 5),
      { idPrefix: 'cmp-abs', areaLabel: area, scale: 'absolute' },
    );
    for (const ind of report.indicators) {
      if (!ind.spc) continue;
      charts[`spc-small-${ind.id}`] = spcChart(ind.spc, { idPrefix: `spc-s-${ind.id}`, label: ind.label, size: 'small' });
      charts[`spc-large-${ind.id}`] = spcChart(ind.spc, { idPrefix: `spc-l-${ind.id}`, label: ind.label, size: 'large' });
    }
    // Variants not in the demo: a target, missing months, per-year intervals, a missing year.
    const vso = report.indicators.find((i) => i.id === 'recorded-crime.violence-and-sexual-offences');
    if (vso?.spc) {
      const points = vso.spc.points.filter((p) => p.period !== '2015-06').map((p) => (p.period === '2016-02' || p.period === '2016-03' ? { ...p, value: null } : p));
      charts['spc-large-target-and-gaps'] = spcChart({ ...vso.spc, points }, { idPrefix: 'spc-gaps', label: vso.label, size: 'large', target: Math.round(vso.spc.mean * 0.9) });
      charts['spc-small-target-and-gaps'] = spcChart({ ...vso.spc, points }, { idPrefix: 'spc-gaps-s', label: vso.label, target: Math.round(vso.spc.mean * 0.9) });
    }
    const all = assessment.indicators.find((i) => i.id === 'recorded-crime.all');
    if (all?.trend) {
      // Normal approximation to a Poisson interval, only to show the band.
      const ci = all.trend.points.map((p) => {
        const half = p.value !== null && p.count ? (1.96 * Math.sqrt(p.count) * p.value) / p.count : 0;
        return { label: p.period.label, value: p.value, lower: p.value === null ? null : p.value - half, upper: p.value === null ? null : p.value + half };
      });
      charts['trend-band'] = trendChart(all, { idPrefix: 'trend-band', areaLabel: area, ci });
      const gap = { ...all, trend: { ...all.trend, points: all.trend.points.map((p, i) => (i === 1 ? { ...p, value: null, count: null } : p)) } };
      charts['trend-band-gap'] = trendChart(gap, { idPrefix: 'trend-band-gap', areaLabel: area, ci: ci.map((c, i) => (i === 1 ? { ...c, value: null, lower: null, upper: null } : c)) });
    }
    charts['priority-matrix'] = priorityMatrix(PRIORITIES, { idPrefix: 'pm', criterionLabels: CRITERION_LABELS });
    if (assessment.priorities.length) charts['priority-matrix-demo'] = priorityMatrix(assessment.priorities, { idPrefix: 'pm-demo' });

    mkdirSync(OUT, { recursive: true });
    const sheet: string[] = [];
    for (const [name, c] of Object.entries(charts)) {
      // The document sets the font by CSS; a preview uses DejaVu Sans, wider than the document's font (the worst case).
      const preview = c.svg.replace('<svg ', '<svg font-family="DejaVu Sans, Arial, sans-serif" ');
      writeFileSync(join(OUT, `${name}.svg`), `<?xml version="1.0" encoding="UTF-8"?>\n${preview}\n`);
      sheet.push(`<figure style="max-width:${c.width}px"><figcaption>${name}</figcaption>${c.svg}</figure>`);
    }
    writeFileSync(join(OUT, 'index.html'), `<!doctype html><html lang="en"><meta charset="utf-8"><title>charts</title><body style="font-family:Arial,sans-serif">${sheet.join('\n')}</body></html>`);
  }, 120_000);

  it('draws every chart for the demo, well formed and accessible', () => {
    expect(Object.keys(charts).length).toBeGreaterThan(20);
    const ids = new Set<string>();
    for (const [name, c] of Object.entries(charts)) {
      const root = parseSvg(c.svg);
      expect(root.attrs['role'], name).toBe('img');
      const labelled = (root.attrs['aria-labelledby'] ?? '').split(' ');
      for (const ref of labelled) {
        expect(ids.has(ref), `${name}: id ${ref} used twice`).toBe(false);
        ids.add(ref);
      }
      expect(c.table.rows.length, name).toBeGreaterThan(0);
    }
  });

  it('describes the SPC chart of violence with its mean and limits', () => {
    const ind = report.indicators.find((i) => i.id === 'recorded-crime.violence-and-sexual-offences');
    const c = charts['spc-small-recorded-crime.violence-and-sexual-offences'];
    expect(ind?.spc && c).toBeTruthy();
    const fmt = (v: number) => Math.round(v).toLocaleString('en-GB');
    expect(c?.desc).toContain(`Mean ${fmt(ind?.spc?.mean ?? 0)}`);
    expect(c?.desc).toContain(`process limits ${fmt(ind?.spc?.lower ?? 0)} to ${fmt(ind?.spc?.upper ?? 0)}`);
    expect(c?.desc).toContain('January 2014 to December 2016');
  });
});
