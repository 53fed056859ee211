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

/** The RAG cell: the status, or why there is none ("None" without a target, "No data" with one). */
export function ragWord(rag: IndicatorResult['rag']): string {
  switch (rag.status) {
    case 'red':
      return 'Red';
    case 'amber':
      return 'Amber';
    case 'green':
      return 'Green';
    default:
      return rag.target !== null ? 'No data' : 'None';
  }
}
