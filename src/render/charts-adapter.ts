/**
 * The charts a document asks for, behind one small interface, so the view models do not depend on how a chart is
 * drawn. Each figure carries its SVG (with its own title and text alternative) and its data as a table, which the
 * document prints beside it.
 */
import type { Assessment, IndicatorResult } from '../model/contract.js';
import { comparisonChart, harmChart, peerGroupChart, priorityMatrix, spcChart, trendChart, type ChartResult } from './charts/index.js';

interface FigureTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface Figure {
  caption: string;
  svg: string;
  table: FigureTable | null;
}

export interface ChartSet {
  /** Yearly values with confidence band and the England and Wales value. */
  trend(indicator: IndicatorResult): Figure | null;
  /** Several indicators against England and Wales. */
  comparison(indicators: IndicatorResult[], caption: string): Figure | null;
  /** XmR chart of the monthly series. */
  spc(indicator: IndicatorResult, size: 'small' | 'large'): Figure | null;
  /** Priority scores as stacked contributions. */
  matrix?(priorities: Assessment['priorities']): Figure | null;
  /** Share of harm against share of volume, by crime type. */
  harm?(indicators: IndicatorResult[], period: string): Figure | null;
  /** The partnership among its most similar group (contract `peerGroup`). */
  peerGroup?(indicator: IndicatorResult, caption: string): Figure | null;
}

/** The charts of one document, drawn by ./charts (d3 scales, SVG written in Node). Ids are unique per document. */
export function createChartSet(areaLabel: string): ChartSet {
  let n = 0;
  const id = (kind: string) => `fig-${kind}-${++n}`;
  const figure = (r: ChartResult, caption = r.title): Figure => ({ caption, svg: r.svg, table: { caption: r.table.caption, columns: r.table.columns, rows: r.table.rows } });
  return {
    trend(indicator) {
      if (!indicator.trend || indicator.trend.points.filter((p) => p.value !== null).length < 2) return null;
      return figure(trendChart(indicator, { idPrefix: id('trend'), areaLabel }));
    },
    comparison(indicators, caption) {
      // Counts (e.g. hidden-crime reports) carry a national rate, not a count: only like-for-like values are drawn.
      const usable = indicators.filter((i) => i.unit !== 'reports' && i.unit !== 'count' && i.value !== null && i.national?.value != null);
      if (usable.length === 0) return null;
      return figure(comparisonChart(usable, { idPrefix: id('comparison'), areaLabel, title: caption }), caption);
    },
    spc(indicator, size) {
      if (!indicator.spc) return null;
      return figure(spcChart(indicator.spc, { idPrefix: id('spc'), label: indicator.label, size, measure: indicator.group === 'anti-social-behaviour' ? 'incidents' : 'offences recorded' }));
    },
    harm(indicators, period) {
      const r = harmChart(indicators, { idPrefix: id('harm'), period });
      return r ? figure(r) : null;
    },
    peerGroup(indicator, caption) {
      const r = peerGroupChart(indicator, { idPrefix: id('peers'), title: caption, areaLabel });
      return r ? figure(r, caption) : null;
    },
    matrix(priorities) {
      if (priorities.length === 0) return null;
      return figure(priorityMatrix(priorities, { idPrefix: id('matrix') }));
    },
  };
}
