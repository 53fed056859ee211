/**
 * The priorities story: why the chapters (the partnership's current strategic priorities, from its plan) and the
 * scoring's recommendation for the year ahead can differ, in words a board member reads without the scoring table.
 * A current priority and a scored candidate are the same theme when they share an indicator (or a name).
 */
import type { Config } from '../model/config.js';
import type { Assessment } from '../model/contract.js';
import { rankWords } from '../analysis/findings.js';

type Scored = Assessment['priorities'][number];

const NUMBER_WORDS: Record<number, string> = { 1: 'one', 2: 'two', 3: 'three' };

/** "A", "A and B", "A, B and C". */
function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The scored candidate that stands for a current priority: the same name, else the one sharing most indicators. */
function candidateFor(p: Config['strategicPriorities'][number], config: Config, scored: readonly Scored[]): Scored | undefined {
  const byLabel = scored.find((s) => s.label.toLowerCase() === p.label.toLowerCase());
  if (byLabel) return byLabel;
  let best: Scored | undefined;
  let most = 0;
  for (const s of scored) {
    const c = config.priorities.candidates.find((x) => x.id === s.id);
    const shared = c ? c.indicators.filter((id) => p.indicators.includes(id)).length : 0;
    if (shared > most) [best, most] = [s, shared];
  }
  return best;
}

/** One sentence per difference between the current priorities and the recommended ones. */
function differences(config: Config, scored: readonly Scored[], recommended: readonly Scored[], area: string): string[] {
  const out: string[] = [];
  const matched = new Set<string>();
  for (const p of config.strategicPriorities) {
    const s = candidateFor(p, config, scored);
    if (!s) {
      out.push(`${p.label} was not among the scored candidates, so the scoring says nothing for or against it.`);
      continue;
    }
    matched.add(s.id);
    if (recommended.some((r) => r.id === s.id)) continue;
    // Reducing reoffending is a statutory purpose of the partnership (Policing and Crime Act 2009), whatever its rank.
    const statutory = p.indicators.some((id) => id.startsWith('reoffending.')) ? ' Reducing reoffending remains a statutory duty of the partnership whatever its rank.' : '';
    out.push(`${p.label} is a current priority but is ${rankWords(s.rank, s.rankRange)} in the scoring, so it is not among the ${NUMBER_WORDS[recommended.length] ?? recommended.length} recommended.${statutory}`);
  }
  for (const r of recommended) {
    if (matched.has(r.id)) continue;
    out.push(`${r.label} is recommended but is not a current priority, so it has no chapter of its own: its figures are in "Crime and anti-social behaviour in ${area}" and the indicator tables.`);
  }
  return out;
}

/**
 * Paragraphs on the current priorities and the recommendation (none without scoring or without current priorities).
 * `scoring` is the scored candidates in any order.
 */
export function prioritiesStory(config: Config, scoring: { priorities: Assessment['priorities'] } | null): string[] {
  const scored = [...(scoring?.priorities ?? [])].sort((x, y) => x.rank - y.rank);
  const current = config.strategicPriorities;
  if (!scored.length || !current.length) return [];
  const recommended = scored.slice(0, Math.min(3, scored.length));
  const diff = differences(config, scored, recommended, config.area.name);
  const intro = `The chapters of this assessment follow the partnership's current strategic priorities, set in its plan: ${list(current.map((p) => p.label))}. The scoring looks at the evidence for the year ahead and recommends ${list(recommended.map((r) => r.label))}.`;
  if (!diff.length) return [`${intro} The two agree.`];
  return [
    `${intro} They differ:`,
    ...diff,
    "The scoring informs the board's choice of priorities for next year's plan; it does not make it. Until the board decides, the current priorities stand, which is why they have the chapters. The board may also keep a priority for reasons the scoring cannot weigh, such as a statutory duty or work already under way.",
  ];
}
