/**
 * The workspace configuration (`swp.config.yaml`, or `.json`): one zod schema that validates it, documents it
 * (every field's `.describe()` ends up in the generated JSON Schema, schema/swp.config.schema.json) and types it.
 *
 * Objects are strict: an unknown key is an error, reported with a "did you mean" hint by the loader
 * (src/ingest/config-loader.ts), because a typo such as `weigth:` would otherwise silently fall back to a default.
 */
import { z } from 'zod';
import { seriousViolenceSchema } from './config-serious-violence.js';

const AREA_CODE = /^[EWKNS]\d{8}$/;
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** GSS area code, e.g. E08000031 (Wolverhampton), K04000001 (England and Wales). */
export const areaCode = z
  .string()
  .regex(AREA_CODE, 'an ONS/GSS area code: a letter E, W, K, N or S then 8 digits, e.g. E08000031');

/** Improvement direction of an indicator (Fingertips "polarity"). */
export const polarity = z
  .enum(['lower-is-better', 'higher-is-better', 'no-judgement'])
  .describe('lower-is-better, higher-is-better, or no-judgement (e.g. more reports of hidden crime can be good)');
export type Polarity = z.infer<typeof polarity>;

const encoding = z
  .enum(['auto', 'utf-8', 'windows-1252', 'utf-16le'])
  .default('auto')
  .describe('text encoding; auto detects UTF-8 (with or without BOM) and UTF-16 with BOM, else Windows-1252');

/** A file or folder of input CSVs; a folder is read recursively (*.csv). */
const inputSource = z.strictObject({
  path: z.string().min(1).describe('file or folder, relative to the config file'),
  encoding,
  columns: z
    .record(z.string(), z.string())
    .optional()
    .describe("map canonical column names to this export's own headers, e.g. { numerator: 'Count' }"),
});
export type InputSource = z.infer<typeof inputSource>;

const pathOrSource = z.union([z.string().min(1), inputSource]);

/** An indicator's settings: overrides of label, polarity and target, and the RAG target. */
const indicatorSettings = z.strictObject({
  id: z.string().min(1).describe('indicator id, e.g. recorded-crime.burglary, reoffending.adult, hidden.fgm'),
  label: z.string().optional().describe('plain-English name shown in documents'),
  polarity: polarity.optional(),
  target: z.number().optional().describe('target value for RAG, in the indicator’s unit'),
  /** Years in which the series breaks (e.g. a change in recording practice); comparisons across it are flagged. */
  seriesBreaks: z
    .array(z.strictObject({ from: z.string().regex(/^\d{4}-\d{2}$/, 'a month YYYY-MM'), note: z.string() }))
    .optional()
    .describe('months from which the series is not comparable with earlier months, with the reason'),
});

const strategicPriority = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
  label: z.string().min(1),
  indicators: z.array(z.string().min(1)).min(1).describe('indicator ids monitored under this priority'),
  lead: z.string().optional().describe('the lead agency or officer'),
});

const CRITERIA = ['volume', 'trend', 'national-comparison', 'harm', 'public-concern', 'vulnerability', 'capacity-to-influence'] as const;

const criterion = z.strictObject({
  id: z.enum(CRITERIA).describe('volume, trend, national-comparison, harm (from the data); public-concern, vulnerability, capacity-to-influence (from scores.csv)'),
  weight: z.number().min(0, 'a weight of 0 or more'),
});

const candidate = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
  label: z.string().min(1),
  indicators: z.array(z.string().min(1)).min(1),
});

export const configSchema = z
  .strictObject({
    version: z.literal(1).default(1).describe('config format version'),
    partnership: z.strictObject({
      name: z.string().min(1).describe('e.g. "Castlebridge Community Safety Partnership"'),
      shortName: z.string().optional(),
    }),
    area: z.strictObject({
      name: z.string().min(1).describe('local authority name, e.g. Wolverhampton'),
      code: areaCode.describe('ONS local-authority code, e.g. E08000031'),
      lsoaNamePrefix: z
        .union([z.string(), z.array(z.string().min(1)).min(1)])
        .optional()
        .describe(
          'police.uk rows belong to the area when LSOA name is "<prefix> 123A"; default: area.name. After a merger of local authorities, list every name the area\'s LSOAs were published under, e.g. ["Taunton Deane", "West Somerset", "Somerset West and Taunton"]: police.uk names LSOAs after the authority of the month, so each name matches the months it was used in',
        ),
      lsoaCodes: z
        .union([z.array(z.string()), z.string()])
        .optional()
        .describe(
          'alternatively, a list of LSOA codes, or a path to a file: one code per line, or an ONS lookup CSV with LSOA11CD and/or LSOA21CD columns and a local-authority column (e.g. LAD22CD, LAD22NM), whose rows for area.code (or the area\'s names) give the area\'s LSOAs, 2011 and 2021 codes both',
        ),
      forces: z
        .array(z.string().min(1))
        .optional()
        .describe(
          'police forces whose street-level files the area needs, as in the "Falls within" column, e.g. ["Essex Police"]; a month counts only when each has a file for it. Default: every force other than British Transport Police that supplies at least 10% of the rows in the area\'s LSOAs',
        ),
      cspName: z.string().optional().describe('the CSP name in the Home Office CSP table; default: area.name'),
      force: z.string().optional().describe('police force, e.g. "West Midlands Police"'),
      peers: z
        .array(z.string())
        // iQuanta's most similar groups have up to 15 members besides the partnership.
        .max(15, 'at most 15 peers (a most similar group, as iQuanta has them)')
        .default([])
        .describe('most similar group (MSG): up to 15 peer area codes or CSP names for comparison'),
    }),
    financialYearStartMonth: z
      .literal(4)
      .default(4)
      .describe('UK public-sector financial year starts in April (4); other values are not supported'),
    inputs: z
      .strictObject({
        policeUk: z.array(pathOrSource).default([]).describe('police.uk street-level CSVs or bulk-download folders'),
        homeOffice: z.array(pathOrSource).default([]).describe('Home Office police recorded crime CSP tables'),
        measures: z.array(pathOrSource).default([]).describe('canonical measures CSVs'),
        population: z.array(pathOrSource).min(1, 'at least one population file').describe('canonical population CSVs'),
        planReview: pathOrSource.optional().describe("last year's plan actions CSV"),
        consultation: pathOrSource.optional().describe('residents’ survey / consultation results CSV'),
        scores: pathOrSource.optional().describe('workshop scores CSV for people-sourced criteria'),
        actionPlan: pathOrSource.optional().describe('the action plan for the year ahead CSV (priority,action,owner,measure)'),
        exceptions: pathOrSource.optional().describe("the quarterly report's exceptions CSV: owner, action and the board's decision per indicator"),
        places: pathOrSource
          .optional()
          .describe('geography folder for the "Where crime happens" chapter: ONS LSOA and ward boundaries (GeoJSON), the ONS LSOA to ward lookup, IMD 2019 File 7 or WIMD 2019 ranks, ONS LSOA population estimates (CSV); each optional'),
        ethnicity: pathOrSource
          .optional()
          .describe('ONS Census 2021 TS021 "Ethnic group" CSV (census2021-ts021-ltla.csv or -lsoa.csv, as published): the resident population of stop-and-search rates by ethnic group'),
      })
      .describe('where the input files are; every path is relative to the config file'),
    indicators: z.array(indicatorSettings).default([]).describe('per-indicator settings: labels, polarity, targets'),
    strategicPriorities: z.array(strategicPriority).default([]).describe("the partnership's strategic priorities"),
    priorities: z
      .strictObject({
        candidates: z.array(candidate).default([]),
        criteria: z.array(criterion).default([]),
      })
      .default({ candidates: [], criteria: [] })
      .describe('candidate issues and the weighted criteria that rank them'),
    disclosure: z
      .strictObject({
        threshold: z
          .number()
          .int()
          .min(1)
          .default(5)
          .describe('counts from 1 to threshold − 1 are suppressed (default 5: counts of 1–4 are not shown)'),
        // Every indicator from the measures input is protected without being named (src/analysis/disclosure-plan.ts);
        // `indicators`, the older key, still protects what it names and is how police.uk counts are protected.
        indicators: z
          .array(z.string())
          .default([])
          .describe('indicator ids (a trailing * matches a prefix) protected as well as every measures indicator, e.g. recorded-crime.* to protect police.uk counts too'),
        exempt: z
          .array(z.string())
          .default([])
          .describe('measures indicator ids (a trailing * matches a prefix) shown without small-number suppression; police.uk street-level counts are exempt already'),
      })
      .default({ threshold: 5, indicators: [], exempt: [] }),
    analysis: z
      .strictObject({
        spcMonths: z.number().int().min(12).max(120).default(36).describe('months in each SPC chart, ending with the period'),
        spcScreenOutliers: z
          .boolean()
          .default(true)
          .describe('screen moving-range outliers before computing SPC limits (NHSRplotthedots default); false gives the Making Data Count Excel tool\'s unscreened limits'),
      })
      .default({ spcMonths: 36, spcScreenOutliers: true }),
    rag: z
      .strictObject({
        redBeyondPercent: z.number().min(0).default(5).describe('red when more than this % worse than target'),
        amberWithinPercent: z.number().min(0).default(5).describe('amber when worse than target by up to this %'),
      })
      .default({ redBeyondPercent: 5, amberWithinPercent: 5 }),
    branding: z
      .strictObject({
        name: z.string().optional().describe('name on the cover; default: partnership.name'),
        logo: z.string().optional().describe('path to a PNG or SVG logo, relative to the config file'),
        colours: z
          .strictObject({
            primary: z.string().regex(HEX_COLOUR, 'a colour as #rrggbb').default('#1d3f6e'),
            accent: z.string().regex(HEX_COLOUR, 'a colour as #rrggbb').default('#b35c00'),
          })
          .default({ primary: '#1d3f6e', accent: '#b35c00' }),
      })
      .default({ colours: { primary: '#1d3f6e', accent: '#b35c00' } }),
    document: z
      .strictObject({
        protectiveMarking: z.string().default('OFFICIAL').describe('e.g. OFFICIAL or OFFICIAL-SENSITIVE'),
        author: z.string().optional(),
        version: z.string().default('1.0'),
        seriousViolenceDuty: z.boolean().default(true).describe('include the Serious Violence Duty in the statutory context'),
        templates: z.string().optional().describe('folder of template overrides inside the workspace'),
        lsoaMap: z.boolean().optional().describe('add a map of the crime rate by neighbourhood (LSOA) to "Where crime happens", with its data table (needs LSOA boundaries and populations in inputs.places); off by default'),
      })
      .default({ protectiveMarking: 'OFFICIAL', version: '1.0', seriousViolenceDuty: true }),
    seriousViolence: seriousViolenceSchema.optional(),
  })
  .describe('swp workspace configuration (swp.config.yaml)');

/** The validated config, with defaults filled in. */
export type Config = z.infer<typeof configSchema>;

/** Names of the weighted criteria, in the order documents show them. */
export const CRITERION_IDS = CRITERIA;
