/**
 * The charts a document asks for, behind one small interface, so the view models do not depend on how a chart is
 * drawn. Each figure carries its SVG (with its own title and text alternative) and its data as a table, which the
 * document prints beside it.
 */
import type { Assessment, IndicatorResult } from '../model/contract.js';

export interface FigureTable {
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
  /** Share of harm against share of volume. */
  harm?(indicators: IndicatorResult[]): Figure | null;
}
