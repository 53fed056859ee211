/**
 * The JSON contract of `swp needs-assessment --format json` (needs-assessment-<year>.json): the Serious Violence
 * Duty strategic needs assessment, published as schema/needs-assessment.schema.json. It shares the assessment's
 * version (SCHEMA_VERSION) and its indicator shape, so scripts read the police.uk figures the same way in both.
 *
 * Conventions as in ./contract.ts: suppressed figures are `null` with `suppressed: true`; a figure that could not
 * be computed is `null` with a reason in `notes`; periods are inclusive ISO dates.
 */
import { z } from 'zod';
import { indicatorSchema, periodSchema, SCHEMA_VERSION } from './contract.js';

const num = z.number();
const nullableNum = num.nullable();
const interval = z.tuple([num, num]).nullable().describe('95% confidence limits (exact Poisson below 10 events, Byar from 10: PHE technical guide)');

const homeOfficeOffenceSchema = z.object({
  name: z.string().describe('the definition entry: an offence subgroup, group or offence code of the Home Office CSP table'),
  subgroups: z.array(z.string()).describe('the subgroups of the table it matched'),
  count: nullableNum.describe('offences in the year; null when suppressed or not in the table'),
  value: nullableNum.describe('offences per 1,000 residents'),
  ci95: interval,
  previous: nullableNum.describe('offences the year before; null when suppressed or not in the table'),
  peerAverage: nullableNum.describe('mean rate per 1,000 of the most similar group members with the same offences in the table'),
  peers: z.number().int().describe('peers averaged'),
  rank: z.number().int().nullable().describe('1 = lowest rate in the group, this partnership included (as iQuanta)'),
  of: z.number().int().describe('members ranked, this partnership included'),
  position: z.enum(['above', 'within', 'below']).nullable().describe("this partnership's rate against the group's 99.8% funnel limits"),
  suppressed: z.boolean(),
  note: z.string().nullable(),
});

const hospitalPointSchema = z.object({
  period: periodSchema,
  count: nullableNum.describe('admissions in the pooled period; null when suppressed or not published'),
  denominator: nullableNum.describe('the population summed over the pooled years, as Fingertips gives it'),
  basis: z.enum(['published', 'crude']).describe("published: Fingertips' own value and 95% limits (a directly age-standardised rate for 11201); crude: worked out from the count and denominator (a file without published values)"),
  value: nullableNum.describe('rate per 100,000 residents per year, on the basis given'),
  ci95: interval,
  england: z.object({ value: num, ci95: interval }).nullable(),
  comparison: z.enum(['higher', 'similar', 'lower', 'not-compared']).describe('against England: the 95% interval above, around or below the England rate'),
  suppressed: z.boolean(),
});

export const needsAssessmentSchema = z.object({
  kind: z.literal('needs-assessment'),
  schemaVersion: z.literal(SCHEMA_VERSION),
  generator: z.object({ name: z.literal('swp'), version: z.string() }),
  partnership: z.object({ name: z.string(), shortName: z.string().nullable() }),
  area: z.object({ name: z.string(), code: z.string() }),
  period: periodSchema,
  dataAsAt: z.string().describe('date of the run, ISO; fixed by SOURCE_DATE_EPOCH or --date'),
  guidance: z.string().describe('the guidance the needs assessment follows'),
  definition: z.object({
    policeUk: z.array(z.string()).describe('police.uk crime types counted as serious violence'),
    homeOffice: z.array(z.string()).describe('Home Office CSP table subgroups, groups or offence codes counted as serious violence'),
    from: z.enum(['config', 'default']).describe('config: seriousViolence.definition; default: swp\'s default definition'),
  }),
  violence: z.object({
    total: indicatorSchema.nullable().describe('every police.uk crime type of the definition together'),
    byType: z.array(indicatorSchema).describe('each police.uk crime type of the definition'),
    shareOfAllCrime: nullableNum.describe('the total as a share (0 to 1) of all police.uk crime in the year (anti-social behaviour excluded); null when either is not shown'),
  }),
  homeOffice: z
    .object({ csp: z.string(), period: periodSchema, offences: z.array(homeOfficeOffenceSchema), notes: z.array(z.string()) })
    .nullable()
    .describe('offence detail from the Home Office CSP table; null without the table or the partnership in it'),
  hospitalAdmissions: z
    .object({
      indicator: z.string(),
      label: z.string(),
      unit: z.string(),
      points: z.array(hospitalPointSchema),
      peers: z
        .object({
          average: num.describe("mean of the peers' rates in the latest period, on the same basis as the partnership's"),
          rank: z.number().int().describe('1 = lowest rate, this partnership included'),
          of: z.number().int().describe('this partnership and the peers in the file with a figure for the latest period'),
        })
        .nullable()
        .describe('the most similar group (config area.peers) in the latest period, from the same file'),
      notes: z.array(z.string()),
    })
    .nullable()
    .describe('hospital admissions for violence (OHID Fingertips indicator 11201); null without the export'),
  places: z
    .object({
      wards: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          count: nullableNum,
          population: nullableNum,
          value: nullableNum.describe('serious violence crimes per 1,000 residents'),
          comparison: z.enum(['higher', 'similar', 'lower', 'not-compared']).describe('against the partnership average: outside the 95% funnel limits'),
          suppressed: z.boolean(),
        }),
      ),
      maps: z.array(z.object({ id: z.string(), title: z.string(), alt: z.string() })),
      notes: z.array(z.string()),
    })
    .nullable()
    .describe('where it happens: serious violence by ward; null without boundaries and a ward lookup'),
  gaps: z.array(z.object({ topic: z.string(), detail: z.string() })).describe('what the definition asks for that the workspace lacks'),
  recommendations: z.enum(['analyst', 'draft']).describe("analyst: text/needs-assessment/recommendations.md; draft: swp's labelled draft"),
  warnings: z.array(z.string()),
});
export type NeedsAssessment = z.infer<typeof needsAssessmentSchema>;
