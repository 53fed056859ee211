/** Words for the judgements the documents print, shared by every view so a table and a sentence never disagree. */
import type { IndicatorResult } from '../model/contract.js';

export const COMPARISON_WORDS: Record<IndicatorResult['comparison'], string> = {
  better: 'Better',
  similar: 'Similar',
  worse: 'Worse',
  higher: 'Higher',
  lower: 'Lower',
  'not-compared': 'Not compared',
};

/** The RAG cell: the status, or why there is none ("No target" without a target, "No data" with one). */
export function ragWord(rag: IndicatorResult['rag']): string {
  switch (rag.status) {
    case 'red':
      return 'Red';
    case 'amber':
      return 'Amber';
    case 'green':
      return 'Green';
    default:
      return rag.target !== null ? 'No data' : 'No target';
  }
}

const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** The target in the indicator's unit ("target 22.0", "target 29.0%", "target 400"), or '' without one. */
export function targetText(r: Pick<IndicatorResult, 'unit' | 'rag'>): string {
  const t = r.rag.target;
  if (t === null) return '';
  if (r.unit.startsWith('%')) return `target ${oneDp.format(t)}%`;
  if (r.unit === 'reports' || r.unit === 'count') return `target ${whole.format(t)}`;
  return `target ${oneDp.format(t)}`;
}
