/**
 * The JSON contract: what `swp assess --format json` writes to assessment.json and `swp report --format json` to
 * report-<quarter>.json. Scripts in CI depend on it, so it is versioned (SCHEMA_VERSION, semver: a new optional
 * field is a minor change, a removed or retyped one a major change) and published as a JSON Schema generated from
 * these zod schemas (schema/assessment.schema.json, schema/report.schema.json; a test pins them).
 *
 * Conventions: suppressed figures are `null` with `suppressed: true`; a figure that could not be computed (no
 * data) is `null` with a reason in `notes`; periods are inclusive ISO dates.
 */
import { z } from 'zod';
import { stopSearchSchema } from './contract-stop-search.js';
import { chargeRateSchema, outcomeRowSchema, outcomesInfoSchema } from './contract-outcomes.js';

export const SCHEMA_VERSION = '1.6.0' as const;

const num = z.number();
const nullableNum = num.nullable();

export const periodSchema = z
  .object({
    start: z.string().describe('first day, ISO YYYY-MM-DD'),
    end: z.string().describe('last day, inclusive, ISO YYYY-MM-DD'),
    label: z.string().describe('e.g. "2016/17" or "October to December 2016"'),
  })
  .describe('an inclusive period');
export type Period = z.infer<typeof periodSchema>;

export const comparisonSchema = z.enum(['better', 'similar', 'worse', 'higher', 'lower', 'not-compared']);
export type Comparison = z.infer<typeof comparisonSchema>;

export const changeDirectionSchema = z.enum(['increase', 'decrease', 'no-significant-change']);

export const spcSignalSchema = z.object({
  period: z.string().describe('month YYYY-MM'),
  rule: z.enum(['outside_limits', 'trend', 'two_in_three', 'shift']),
  direction: z.enum(['high', 'low']),
  meaning: z.enum(['improvement', 'concern', 'neutral']),
});

export const indicatorSchema = z.object({
  id: z.string().describe('e.g. recorded-crime.violence-and-sexual-offences, anti-social-behaviour, reoffending.adult'),
  label: z.string(),
  group: z.enum(['recorded-crime', 'anti-social-behaviour', 'reoffending', 'youth-justice', 'hidden-crime', 'treatment', 'other']),
  period: periodSchema,
  count: nullableNum.describe('the numerator: offences, reoffenders, entrants, reports'),
  denominator: nullableNum.describe('residents, cohort size, people in treatment'),
  value: nullableNum.describe('the headline figure in `unit`'),
  unit: z.string().describe('e.g. "per 1,000 residents", "%", "per 100,000 aged 10 to 17", "count"'),
  ci95: z.tuple([num, num]).nullable().describe('95% confidence limits of `value`'),
  ciMethod: z.enum(['byar', 'exact-poisson', 'wilson']).nullable(),
  polarity: z.enum(['lower-is-better', 'higher-is-better', 'no-judgement']),
  national: z
    .object({
      areaCode: z.string(),
      label: z.string(),
      value: nullableNum,
      ci95: z.tuple([num, num]).nullable(),
      period: periodSchema,
    })
    .nullable()
    .describe('the England and Wales (or England) benchmark'),
  comparison: comparisonSchema.describe('against the national benchmark, Fingertips-style (confidence interval vs value)'),
  peers: z
    .object({
      average: nullableNum,
      rank: z.number().int().nullable().describe('1 = highest value'),
      of: z.number().int(),
    })
    .nullable()
    .describe('most similar group'),
  peerGroup: z
    .object({
      peers: z.array(
        z.object({ code: z.string(), name: z.string(), count: num, population: num, value: num.describe('rate in `unit`') }),
      ),
      partnership: z
        .object({ count: num, population: num, value: num })
        .describe("this partnership's figures from the same table and quarters as the peers' (may differ from the police.uk headline)"),
      average: num.describe("arithmetic mean of the peers' rates, this partnership excluded (as `peers.average`)"),
      pooled: num.describe("the group's pooled rate: all members' counts over all their populations, this partnership included"),
      rank: z.number().int().describe('1 = lowest rate (as iQuanta); ties share the best rank'),
      of: z.number().int().describe('this partnership and the peers kept'),
      limits95: z.tuple([num, num]).describe('95% funnel limits around `pooled` for this partnership\'s population (exact Poisson, APHO TB2)'),
      limits998: z.tuple([num, num]).describe('99.8% funnel limits, likewise'),
      position: z.enum(['above', 'within', 'below']).describe("this partnership's rate against the 99.8% limits"),
    })
    .nullable()
    .optional()
    .describe('the most similar group in full, as iQuanta shows it (since schemaVersion 1.4.0)'),
  force: z
    .object({ name: z.string(), value: nullableNum, comparison: comparisonSchema })
    .nullable()
    .optional()
    .describe('the police force area, from the Home Office CSP table (this partnership compared with its force)'),
  previous: z
    .object({ period: periodSchema, count: nullableNum, value: nullableNum })
    .nullable()
    .describe('the same period a year earlier'),
  change: z
    .object({
      percent: nullableNum,
      pValue: nullableNum,
      direction: changeDirectionSchema,
      method: z.string(),
    })
    .nullable(),
  trend: z
    .object({
      points: z.array(
        z.object({
          period: periodSchema,
          count: nullableNum,
          value: nullableNum,
          ci95: z.tuple([num, num]).nullable().optional(),
          national: nullableNum.optional().describe('the England and Wales (or England) value for the same year'),
        }),
      ),
      direction: z.enum(['increasing', 'decreasing', 'no-significant-change', 'cannot-be-calculated']),
      pValue: nullableNum,
      method: z.string(),
    })
    .nullable()
    .describe('long-term trend over the last three or more years'),
  spc: z
    .object({
      mean: num,
      lower: num,
      upper: num,
      points: z.array(z.object({ period: z.string(), value: nullableNum })),
      signals: z.array(spcSignalSchema),
      variation: z.string(),
      assurance: z.string().nullable(),
    })
    .nullable()
    .describe('XmR chart of the monthly series (NHS Making Data Count rules)'),
  rag: z
    .object({ status: z.enum(['red', 'amber', 'green', 'grey']), target: nullableNum, reason: z.string() })
    .describe('target-based RAG, distinct from statistical significance'),
  harm: z
    .object({ score: nullableNum, perThousand: nullableNum, shareOfHarm: nullableNum, shareOfVolume: nullableNum })
    .nullable(),
  suppressed: z.boolean(),
  revision: z.enum(['provisional', 'revised']).nullable(),
  seriesBreak: z.string().nullable(),
  finding: z.string().describe('one or two plain-English sentences a board member can read'),
  notes: z.array(z.string()),
});
export type IndicatorResult = z.infer<typeof indicatorSchema>;

export const priorityComponentSchema = z.object({
  criterion: z.string(),
  raw: z.union([num, z.string()]).nullable().describe('the raw value, or for workshop scores the score with its source'),
  scaled: nullableNum,
  weight: num,
  contribution: num,
});

export const prioritySchema = z.object({
  id: z.string(),
  label: z.string(),
  score: num,
  rank: z.number().int(),
  rankRange: z.tuple([z.number().int(), z.number().int()]),
  components: z.array(priorityComponentSchema),
});

export const coverageSchema = z
  .object({
    forces: z.array(z.string()).describe('the forces whose street-level files every month needs ("Falls within" names)'),
    forcesFrom: z
      .enum(['config', 'data', 'none'])
      .describe('config: area.forces; data: forces other than British Transport Police with at least 10% of the rows in the area\'s LSOAs; none: no such force, a month with rows counts'),
    firstMonth: z.string().nullable().describe('first month of any street-level file read (YYYY-MM)'),
    lastMonth: z.string().nullable().describe('last month of any street-level file read (YYYY-MM)'),
    missing: z
      .array(z.object({ month: z.string(), forces: z.array(z.string()) }))
      .describe('months between firstMonth and lastMonth for which a covering force has no street-level file, with those forces: figures for any period containing one are missing, not low'),
    periodMissing: z.array(z.string()).describe("the missing months that fall in the document's period or the same period a year before"),
  })
  .describe('police.uk coverage: which months count (since schemaVersion 1.2.0)');
export type Coverage = z.infer<typeof coverageSchema>;

const documentHeader = {
  schemaVersion: z.literal(SCHEMA_VERSION),
  generator: z.object({ name: z.literal('swp'), version: z.string() }),
  partnership: z.object({ name: z.string(), shortName: z.string().nullable() }),
  area: z.object({ name: z.string(), code: z.string() }),
  period: periodSchema,
  dataAsAt: z.string().describe('date of the run, ISO; fixed by SOURCE_DATE_EPOCH or --date for reproducible output'),
  indicators: z.array(indicatorSchema),
  warnings: z.array(z.string()),
  coverage: coverageSchema.optional(),
};


const ci95 = z.object({ lower: num, upper: num }).nullable().describe('95% confidence interval of the rate (PHE: exact Poisson below 10, Byar from 10); null when suppressed or not computed');

const placesDetail = {
  wards: z
    .array(
      z.object({
        code: z.string().describe('ward code (ONS WDyyCD)'),
        name: z.string(),
        count: nullableNum.describe('crimes in the year (excluding anti-social behaviour); null when suppressed'),
        population: nullableNum.describe('residents (sum of the LSOA mid-year estimates); null when not given'),
        value: nullableNum.describe('crimes per 1,000 residents; null when suppressed or without population'),
        ci95,
        comparison: z.enum(['higher', 'similar', 'lower', 'not-compared']).describe('against the partnership average: outside the 95% funnel limits, higher or lower'),
        beyond998: z.boolean().describe('outside the 99.8% funnel limits as well'),
        suppressed: z.boolean(),
      }),
    )
    .optional()
    .describe('crime by ward, with the funnel-plot comparison with the partnership average (since 1.3.0)'),
  average: z
    .object({ count: num, population: num, value: num })
    .optional()
    .describe('the partnership average over the wards: crimes, residents and crimes per 1,000 (the funnel plot target)'),
  deprivation: z
    .array(
      z.object({
        decile: num.describe('deprivation decile of the LSOAs, 1 = most deprived tenth nationally'),
        lsoas: num,
        count: nullableNum.describe('crimes (excluding anti-social behaviour); null when suppressed'),
        population: nullableNum,
        value: nullableNum.describe('crimes per 1,000 residents'),
        ci95,
        asbCount: nullableNum.describe('anti-social behaviour incidents; null when suppressed'),
        asbValue: nullableNum.describe('incidents per 1,000 residents'),
        asbCi95: ci95,
      }),
    )
    .optional()
    .describe('crime and anti-social behaviour by deprivation decile of the LSOA (IMD 2019 or WIMD 2019; since 1.3.0)'),
  deprivationRatio: z
    .object({
      crime: z.object({ value: num, ci95 }).nullable(),
      asb: z.object({ value: num, ci95 }).nullable(),
      deciles: z.tuple([num, num]).describe('the most and least deprived deciles of the area compared'),
    })
    .optional()
    .describe('rate in the most deprived decile of the area over the rate in the least deprived (exact conditional Poisson interval, as R poisson.test)'),
  locations: z
    .array(z.object({ location: z.string().describe('police.uk Location, e.g. "On or near Shopping Area"'), lsoa: z.string(), lsoaName: z.string(), count: num }))
    .optional()
    .describe('the police.uk map points with the most crime in the year (attractors), most first; points with fewer than the disclosure threshold are left out'),
  maps: z
    .array(z.object({ id: z.string(), title: z.string(), alt: z.string().describe('the pattern in words') }))
    .optional()
    .describe('the maps drawn, with the text alternative of each'),
  notes: z.array(z.string()).optional().describe('geography inputs not given, and what is left out because of it'),
};

export const placesSchema = z
  .object({
    lsoas: num.describe('LSOAs of the area in the police.uk data'),
    total: num.describe('crimes in the year (excluding anti-social behaviour) located in those LSOAs'),
    topTenthLsoas: num.describe('how many LSOAs make the tenth with the most crime'),
    topTenthShare: num.describe('the proportion of the crimes that happened in that tenth'),
    top: z
      .array(
        z.object({
          code: z.string().describe('LSOA code'),
          name: z.string().describe('LSOA name'),
          count: nullableNum.describe('crimes in the year; null when suppressed'),
          share: nullableNum.describe("proportion of the area's crimes; null when suppressed"),
          previousCount: nullableNum.describe('crimes in the year before; null when suppressed or when the data do not cover that year'),
          suppressed: z.boolean(),
          previousSuppressed: z.boolean(),
        }),
      )
      .describe('the LSOAs with the most crime, most first (up to 10)'),
    ...placesDetail,
  })
  .describe('where crime happened: police.uk street-level crime by LSOA over the year (since schemaVersion 1.1.0; wards, deprivation, locations and maps since 1.3.0)');
export type Places = z.infer<typeof placesSchema>;

export const assessmentSchema = z.object({
  kind: z.literal('strategic-assessment'),
  ...documentHeader,
  priorities: z.array(prioritySchema),
  places: placesSchema.optional(),
  stopSearch: stopSearchSchema.nullable().optional().describe('null when the police.uk input holds no stop-and-search files for the period (since schemaVersion 1.5.0)'),
  outcomes: z.array(outcomeRowSchema).nullable().optional().describe('what happened to reported crimes, by police.uk crime type ("All crime" first); null without police.uk street files for the year (since schemaVersion 1.6.0)'),
  outcomesInfo: outcomesInfoSchema.nullable().optional(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

const reportCell = z
  .object({
    count: nullableNum,
    value: nullableNum,
    status: z.enum(['ok', 'suppressed', 'missing']).describe('suppressed: not shown for disclosure control; missing: no data for the period'),
  })
  .describe('one period of a report row');

export const reportSchema = z.object({
  kind: z.literal('performance-report'),
  ...documentHeader,
  quarter: z.string().describe('e.g. 2016/17-Q3'),
  yearToDate: periodSchema,
  rows: z.array(
    z.object({
      id: z.string(),
      quarter: reportCell,
      yearToDate: reportCell,
      lastYearQuarter: reportCell,
      lastYearToDate: reportCell,
    }),
  ),
  exceptions: z.array(z.object({ id: z.string(), reason: z.string() })),
  chargeRate: chargeRateSchema.nullable().optional(),
});
export type Report = z.infer<typeof reportSchema>;

export { stopSearchSchema, type StopSearchSection } from './contract-stop-search.js';
export { chargeRateSchema, outcomeRowSchema, outcomesInfoSchema, type ChargeRate, type OutcomeRow, type OutcomeShare, type OutcomesInfo } from './contract-outcomes.js';
