/** JSON Schemas generated from the zod schemas, published in schema/ for editors and for scripts. */
import { z } from 'zod';
import { configSchema } from './config.js';
import { assessmentSchema, reportSchema, SCHEMA_VERSION } from './contract.js';
import { needsAssessmentSchema } from './contract-needs.js';

const BASE = 'https://swp.invalid/schema';

/** The config's JSON Schema (draft 2020-12), with every field's description and default. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    $id: `${BASE}/swp.config.schema.json`,
    title: 'swp workspace configuration',
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }),
  };
}

/** The JSON contract of assessment.json and report-<quarter>.json, versioned by SCHEMA_VERSION. */
export function contractJsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    'assessment.schema.json': {
      $id: `${BASE}/assessment.schema.json`,
      title: `swp strategic assessment (schemaVersion ${SCHEMA_VERSION})`,
      ...z.toJSONSchema(assessmentSchema, { target: 'draft-2020-12' }),
    },
    'report.schema.json': {
      $id: `${BASE}/report.schema.json`,
      title: `swp quarterly performance report (schemaVersion ${SCHEMA_VERSION})`,
      ...z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }),
    },
    'needs-assessment.schema.json': {
      $id: `${BASE}/needs-assessment.schema.json`,
      title: `swp serious violence strategic needs assessment (schemaVersion ${SCHEMA_VERSION})`,
      ...z.toJSONSchema(needsAssessmentSchema, { target: 'draft-2020-12' }),
    },
  };
}
