/** JSON Schemas generated from the zod schemas, published in schema/ for editors and for scripts. */
import { z } from 'zod';
import { configSchema } from './config.js';

/** The config's JSON Schema (draft 2020-12), with every field's description and default. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://github.com/swp/swp/schema/swp.config.schema.json',
    title: 'swp workspace configuration',
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }),
  };
}
