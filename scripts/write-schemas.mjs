// Regenerate schema/*.json from the zod schemas (run after `npm run build`): npm run schemas
import { mkdirSync, writeFileSync } from 'node:fs';
import { configJsonSchema, contractJsonSchemas } from '../dist/model/json-schema.js';

const dir = new URL('../schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
const all = { 'swp.config.schema.json': configJsonSchema(), ...contractJsonSchemas() };
for (const [name, schema] of Object.entries(all)) {
  writeFileSync(new URL(name, dir), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schema/${name}`);
}
