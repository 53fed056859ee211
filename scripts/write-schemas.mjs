// Regenerate schema/*.json from the zod schemas (run after `npm run build`): npm run schemas
import { mkdirSync, writeFileSync } from 'node:fs';
import { configJsonSchema } from '../dist/model/json-schema.js';

mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schema/swp.config.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log('wrote schema/swp.config.schema.json');
