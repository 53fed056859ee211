/**
 * What happened to reported crimes (police.uk outcomes), on the assessment and the report. Added after
 * schemaVersion 1.6.0; every field is optional and nullable so older documents still validate.
 */
import { z } from 'zod';

const num = z.number();
const nullableNum = num.nullable();
const interval = z.tuple([num, num]).nullable();
const period = z.object({ start: z.string(), end: z.string(), label: z.string() });

export const outcomeShareSchema = z
  .object({
    count: nullableNum.describe('crimes; null when withheld (disclosure control: a count of 1 to threshold − 1, or one that would give such a count back by subtraction)'),
    share: nullableNum.describe('percentage of the crimes with an outcome status; null when withheld or there were none'),
    ci95: interval.describe('95% Wilson score interval of the percentage'),
  })
  .describe('crimes whose latest outcome falls in the category, and their share');

const categories = {
  charged: outcomeShareSchema.describe('charged or summonsed: suspect charged (also as part of another case), awaiting court outcome, and every court result'),
  noSuspect: outcomeShareSchema.describe('investigation complete; no suspect identified'),
  outOfCourt: outcomeShareSchema.describe('out of court: caution, community or local resolution, penalty notice, drugs or cannabis/khat warning'),
  open: outcomeShareSchema.describe('still under investigation'),
  other: outcomeShareSchema.describe('other: unable to prosecute, not in the public interest, another organisation, status update unavailable, and unknown outcome names'),
};

export const outcomeRowSchema = z.object({
  crimeType: z.string().describe('a police.uk crime type, or "All crime" (anti-social behaviour has no outcome)'),
  total: nullableNum.describe('crimes with an outcome status in the period; null when withheld'),
  ...categories,
  force: z
    .object({ total: nullableNum, ...categories })
    .describe('the same for every crime of the covering force(s), the partnership included'),
  comparison: z
    .object({
      method: z.string().describe('the test used'),
      restOfForceShare: num.describe('the charge/summons share of the rest of the force (the force without the partnership), %'),
      difference: num.describe('partnership charge/summons share minus the rest of the force, in percentage points'),
      pValue: num,
      result: z.enum(['higher', 'lower', 'similar']).describe('higher/lower when p < 0.05, else similar'),
    })
    .nullable()
    .describe("the partnership's charge/summons share against the rest of the force's (two-proportion test); null when a count is withheld or there are no crimes"),
});

export const outcomesInfoSchema = z
  .object({
    period: period,
    forces: z.array(z.string()).describe('the covering forces whose files were read'),
    outcomesFiles: num.describe('outcomes files read (0: the street files\' last outcome category only)'),
    latestOutcomesMonth: z.string().nullable().describe('the month of the latest outcomes file read, YYYY-MM'),
    noStatus: nullableNum.describe("the partnership's crimes with no outcome status at all (left out of the shares); null when withheld"),
    recent: z
      .object({
        period: period,
        total: nullableNum.describe("the partnership's crimes of the period's last three months with an outcome status"),
        open: outcomeShareSchema.describe('of them, still under investigation'),
      })
      .describe('how unsettled the latest months are: outcomes settle over months'),
    notes: z.array(z.string()),
  })
  .describe('where the outcome figures come from, and how settled they are');

const reportCell = z.object({ period: period, charged: nullableNum, total: nullableNum, share: nullableNum, ci95: interval });

export const chargeRateSchema = z
  .object({
    label: z.string(),
    polarity: z.literal('higher-is-better'),
    forces: z.array(z.string()),
    partnership: z.object({ quarter: reportCell, yearToDate: reportCell, lastYearQuarter: reportCell, lastYearToDate: reportCell }),
    force: z.object({ quarter: reportCell, yearToDate: reportCell, lastYearQuarter: reportCell, lastYearToDate: reportCell }),
    notes: z.array(z.string()),
  })
  .describe('the share of crimes with an outcome status that were charged or summonsed (police.uk outcomes), for the board');

export type OutcomeShare = z.infer<typeof outcomeShareSchema>;
export type OutcomeRow = z.infer<typeof outcomeRowSchema>;
export type OutcomesInfo = z.infer<typeof outcomesInfoSchema>;
export type ChargeRate = z.infer<typeof chargeRateSchema>;
