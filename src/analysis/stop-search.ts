/**
 * Stop and search for a partnership or a force: how many searches, how many ended in arrest, the share whose outcome
 * was linked to the object of the search, and disproportionality by self-defined ethnicity against the resident
 * population (Census 2021), as the Home Office's "Police powers and procedures: stop and search" statistics present
 * them: searches per 1,000 people of each ethnic group, and each group's rate over the White group's.
 *
 * - The linked-outcome share is over all searches (the Home Office's measure): a search ending in no further action
 *   is one whose outcome was not linked. Wilson score intervals (Wilson 1927; PHE technical guide).
 * - Self-defined ethnicity is grouped into the five Census 2021 broad groups by its prefix ("White - …",
 *   "Black/African/Caribbean/Black British - …"); "Not stated" and blank are counted apart and left out of the rates.
 * - Officer-defined ethnicity (police.uk: White, Black, Asian, Other — the officer's view, recorded for every search
 *   whatever the person says) is compared with the same Census residents: Black, Asian and Other against White.
 *   It has no Mixed group, so Mixed residents are left out of that comparison (a person of Mixed ethnicity is in
 *   whichever of the four groups the officer chose). The Home Office's "Police powers and procedures: stop and
 *   search and arrests" statistics compute their rates per 1,000 on self-defined ethnicity and the 2021 Census; the
 *   officer-defined comparison applies that same method to the four groups, as a second view beside the main,
 *   self-defined one (the Home Office publishes officer-defined counts in its data tables but bases its rates on
 *   self-defined ethnicity). Both views share the caveats of the Race Disparity Unit's "Stop and search data and the
 *   effect of geographical differences" (2021): people searched need not live in the area, and not-stated
 *   ethnicity lowers every group's rate.
 * - Counts from 1 to threshold − 1 are withheld ([c]) with everything worked from them, as elsewhere.
 */
import type { StopSearch } from '../ingest/formats/stop-search.js';
import { crudeRate, proportion, rateRatio } from './stats/index.js';

export const ETHNIC_GROUPS = ['White', 'Black', 'Asian', 'Mixed', 'Other'] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];

/** police.uk's self-defined ethnicity prefixes → the Census 2021 broad groups. */
const SELF_DEFINED_PREFIX: ReadonlyArray<[string, EthnicGroup]> = [
  ['white', 'White'],
  ['black/african/caribbean/black british', 'Black'],
  ['asian/asian british', 'Asian'],
  ['mixed/multiple ethnic groups', 'Mixed'],
  ['other ethnic group', 'Other'],
];

/** The broad group of a self-defined ethnicity, or null for "not stated" and blank. */
export function selfDefinedGroup(text: string): EthnicGroup | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t.endsWith('not stated')) return null;
  const head = t.split(' - ')[0]!.trim();
  return SELF_DEFINED_PREFIX.find(([prefix]) => head === prefix)?.[1] ?? null;
}

/** police.uk's officer-defined ethnicity groups: the Census broad groups without Mixed. */
export const OFFICER_GROUPS = ['White', 'Black', 'Asian', 'Other'] as const satisfies readonly EthnicGroup[];
export type OfficerGroup = (typeof OFFICER_GROUPS)[number];

/** The group of an officer-defined ethnicity ("White", "Black", "Asian", "Other"), or null for blank. */
export function officerDefinedGroup(text: string): OfficerGroup | null {
  const t = text.trim().toLowerCase();
  return OFFICER_GROUPS.find((g) => g.toLowerCase() === t) ?? null;
}

export interface Share {
  count: number | null;
  value: number | null;
  ci95: [number, number] | null;
}

export interface EthnicityRow<G extends EthnicGroup = EthnicGroup> {
  group: G;
  searches: number | null;
  population: number | null;
  /** Searches per 1,000 people of the group. */
  rate: number | null;
  ci95: [number, number] | null;
  /** The rate over the White group's. */
  rateRatio: number | null;
  rateRatioCi95: [number, number] | null;
}

export interface StopSearchSummary {
  searches: number;
  arrests: Share;
  linked: Share;
  byEthnicity: EthnicityRow[];
  /** Searches whose self-defined ethnicity was not stated or blank (not in the rates). */
  notStated: number;
  /** The same by officer-defined ethnicity (White, Black, Asian, Other); Mixed residents are not compared. */
  byOfficerEthnicity: EthnicityRow<OfficerGroup>[];
  /** Searches with no officer-defined ethnicity (blank; not in those rates). */
  officerNotRecorded: number;
}

const small = (n: number, threshold: number) => n > 0 && n < threshold;

function share(count: number, of: number, threshold: number): Share {
  if (of === 0) return { count, value: null, ci95: null };
  if (small(count, threshold) || small(of - count, threshold)) return { count: null, value: null, ci95: null };
  const p = proportion(count, of, { multiplier: 100 });
  return { count, value: p.value, ci95: [p.lower, p.upper] };
}

/** Searches per 1,000 residents of each of `groups`, and each rate over the White group's, by `groupOf` a search. */
function ethnicityRows<G extends EthnicGroup>(
  rows: readonly StopSearch[],
  groupOf: (r: StopSearch) => G | null,
  groups: readonly G[],
  population: Partial<Record<EthnicGroup, number>>,
  threshold: number,
): EthnicityRow<G>[] {
  const counts = new Map<EthnicGroup, number>(groups.map((g) => [g, 0]));
  for (const r of rows) {
    const g = groupOf(r);
    if (g) counts.set(g, counts.get(g)! + 1);
  }
  const white = { n: counts.get('White')!, pop: population.White };
  return groups.map((group): EthnicityRow<G> => {
    const n = counts.get(group)!;
    const pop = population[group] ?? null;
    const withheld = small(n, threshold);
    const none = { rate: null, ci95: null, rateRatio: null, rateRatioCi95: null };
    if (withheld) return { group, searches: null, population: pop, ...none };
    if (!pop) return { group, searches: n, population: pop, ...none };
    const r = crudeRate(n, pop, { multiplier: 1000 });
    const ratio = group === 'White' || !white.pop || small(white.n, threshold) ? null : rateRatio(n, pop, white.n, white.pop);
    return { group, searches: n, population: pop, rate: r.value, ci95: [r.lower, r.upper], rateRatio: ratio?.value ?? null, rateRatioCi95: ratio ? [ratio.lower, ratio.upper] : null };
  });
}

/** The summary of `rows` (the area's searches in the period) against the area's population by ethnic group. */
export function summariseStopSearch(rows: readonly StopSearch[], population: Partial<Record<EthnicGroup, number>>, threshold: number): StopSearchSummary {
  const searches = rows.length;
  const arrests = rows.filter((r) => r.outcome.toLowerCase() === 'arrest').length;
  const linked = rows.filter((r) => r.outcomeLinked === true).length;
  const notStated = rows.filter((r) => selfDefinedGroup(r.selfDefinedEthnicity) === null).length;
  return {
    searches,
    arrests: share(arrests, searches, threshold),
    linked: share(linked, searches, threshold),
    byEthnicity: ethnicityRows(rows, (r) => selfDefinedGroup(r.selfDefinedEthnicity), ETHNIC_GROUPS, population, threshold),
    notStated,
    byOfficerEthnicity: ethnicityRows(rows, (r) => officerDefinedGroup(r.officerDefinedEthnicity), OFFICER_GROUPS, population, threshold),
    officerNotRecorded: rows.filter((r) => officerDefinedGroup(r.officerDefinedEthnicity) === null).length,
  };
}
