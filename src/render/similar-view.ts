/**
 * "How we compare with similar partnerships": the partnership among its most similar group (contract `peerGroup`,
 * src/analysis/peer-group.ts) for the crime types of its strategic priorities that have one, a sentence each and,
 * in the full document, a small chart each, two to a row (as the board report's SPC grid).
 */
import { lowerFirst } from '../analysis/findings.js';
import type { Assessment, IndicatorResult } from '../model/contract.js';
import type { Config } from '../model/config.js';
import type { ChartSet, Figure } from './charts-adapter.js';
import { peerGroupSentence } from './charts/index.js';

export interface SimilarSection {
  id: string;
  title: string;
  intro: string;
  sentences: string[];
  figures: Figure[];
}

/** The priorities' indicators with a most similar group, in the order of the priorities; none: no section. */
export function similarSection(a: Assessment, config: Config, charts: ChartSet): SimilarSection | null {
  const byId = new Map(a.indicators.map((i) => [i.id, i]));
  const ids = [...new Set(config.strategicPriorities.flatMap((p) => p.indicators))];
  const withGroup = ids.map((id) => byId.get(id)).filter((i): i is IndicatorResult & { peerGroup: NonNullable<IndicatorResult['peerGroup']> } => !!i?.peerGroup && i.value !== null);
  if (withGroup.length === 0) return null;
  const area = config.area.name;
  const of = withGroup[0]!.peerGroup.of;
  const figures = withGroup.map((i) => charts.peerGroup?.(i, `${i.label}: ${area} and its most similar partnerships, ${a.period.label}`)).filter((f): f is Figure => !!f);
  return {
    id: 'similar',
    title: 'How we compare with similar partnerships',
    intro: `The Home Office groups each partnership with up to 15 others most like it in population and social make-up (its most similar group). ${area} is compared here with ${of - 1} of them, on the Home Office's recorded crime figures for the quarters all of them have in full. Rank 1 is the lowest rate. The shaded band is the range of rates expected by chance for a partnership of ${area}'s size if its true rate were the group's (99.8% control limits); a rate outside it is unlikely to be chance alone.`,
    sentences: withGroup.map((i) => peerGroupSentence(area, lowerFirst(i.label), i.peerGroup)),
    figures,
  };
}
