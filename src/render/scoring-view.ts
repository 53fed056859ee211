/**
 * The scoring section's input: the priorities as the assessment carries them, with each criterion's label and
 * normalised weight, from the result of src/priorities.
 */
import type { CRITERION_IDS } from '../model/config.js';
import type { Assessment } from '../model/contract.js';
import type { PrioritiesResult } from '../priorities/index.js';
import type { ScoringView } from './assessment-view.js';

/** The criteria's names in the documents. */
const CRITERION_LABELS: Record<(typeof CRITERION_IDS)[number], string> = {
  volume: 'Volume',
  trend: 'Trend',
  'national-comparison': 'Compared with England and Wales',
  harm: 'Harm',
  'public-concern': 'Public concern',
  vulnerability: 'Vulnerability',
  'capacity-to-influence': 'Capacity to influence',
};

/** The scoring view of `scoring` for the assessment whose priorities are `priorities` (the contract's copy). */
export function scoringView(priorities: Assessment['priorities'], scoring: PrioritiesResult): ScoringView {
  return {
    priorities,
    criteria: scoring.weights.map((w) => ({ id: w.criterion, label: CRITERION_LABELS[w.criterion], weight: w.normalised })),
    statement: scoring.statement,
    notes: scoring.notes,
  };
}
