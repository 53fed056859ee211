/**
 * The assessment's stop-and-search section (since schemaVersion 1.4.0): police.uk stop-and-search files for the
 * partnership (searches placed by their coordinates in its boundaries) or, without boundaries, for the whole force.
 */
import { z } from 'zod';

const num = z.number();
const nullableNum = num.nullable();
const interval = z.tuple([num, num]).nullable();

const shareSchema = z
  .object({
    count: nullableNum.describe('searches; null when withheld (disclosure control)'),
    share: nullableNum.describe('percentage of all searches; null when withheld or there were no searches'),
    ci95: interval.describe('95% Wilson score interval of the percentage'),
  })
  .describe('a count of searches and its share of all searches');

/** One ethnic group's searches, rate and rate ratio against the White group's, for either way of recording ethnicity. */
function ethnicityRow<const G extends readonly [string, ...string[]]>(groups: G, what: string) {
  return z.object({
    group: z.enum(groups).describe(what),
    searches: nullableNum.describe('searches; null when withheld'),
    population: nullableNum.describe('usual residents (Census 2021 TS021); null when not given'),
    rate: nullableNum.describe('searches per 1,000 residents of the group'),
    ci95: interval.describe('95% interval of the rate (exact Poisson)'),
    rateRatio: nullableNum.describe("the group's rate over the White group's"),
    rateRatioCi95: interval.describe('95% interval of the rate ratio (log method)'),
  });
}

export const stopSearchSchema = z
  .object({
    level: z.enum(['partnership', 'force']).describe('partnership: searches placed in the area by their coordinates; force: the whole force (no boundaries given)'),
    force: z.string().describe('the police force (or forces) whose files were read'),
    period: z.object({ start: z.string(), end: z.string(), label: z.string() }),
    searches: nullableNum.describe('searches in the period; null when withheld'),
    arrests: shareSchema.describe('searches ending in arrest'),
    linked: shareSchema.describe('searches whose outcome was linked to the object of the search (what was searched for was found)'),
    byEthnicity: z
      .array(ethnicityRow(['White', 'Black', 'Asian', 'Mixed', 'Other'], 'Census 2021 broad ethnic group (self-defined ethnicity)'))
      .describe('searches by self-defined ethnicity against the resident population'),
    notStated: nullableNum.describe('searches whose self-defined ethnicity was not stated or blank (not in the rates); null when withheld'),
    byOfficerEthnicity: z
      .array(ethnicityRow(['White', 'Black', 'Asian', 'Other'], 'officer-defined ethnic group (police.uk has no Mixed group)'))
      .nullable()
      .optional()
      .describe('searches by officer-defined ethnicity against the same Census 2021 residents (Mixed residents left out: officer-defined ethnicity has no Mixed group); null when the files record no officer-defined ethnicity; absent in documents from before it was added'),
    officerNotRecorded: nullableNum
      .optional()
      .describe('searches with no officer-defined ethnicity (not in those rates); null when withheld; absent in documents from before it was added'),
    noLocation: num.describe('searches in the files with no coordinates (counted for the force only)'),
    notes: z.array(z.string()).describe('how the searches were placed, and what is left out'),
  })
  .describe('stop and search (police.uk), with disproportionality by ethnic group as the Home Office presents it');
export type StopSearchSection = z.infer<typeof stopSearchSchema>;
