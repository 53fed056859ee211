/**
 * The `swp init` skeleton (templates/init/skeleton) cannot fall behind the config schema: every key of the zod
 * schema in src/model/config.ts must appear in the skeleton's swp.config.yaml, set or as a commented optional line,
 * and the config with every commented line switched on must still be valid. Each input folder has a README saying
 * where the data come from and what is left out without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/model/config.js';
import { ROOT } from '../../helpers.js';

const SKELETON = join(ROOT, 'templates/init/skeleton');

type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; element?: unknown; options?: unknown[] };
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

/** Every key path of the schema ("area.peers"); under a union of a text and an object the key is "*" (any input). */
function schemaPaths(schema: unknown, path: string[] = [], out = new Set<string>()): Set<string> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape!)) {
        out.add([...path, k].join('.'));
        schemaPaths(v, [...path, k], out);
      }
      break;
    case 'optional':
    case 'default':
    case 'nullable':
      schemaPaths(def.innerType, path, out);
      break;
    case 'array':
      schemaPaths(def.element, path, out);
      break;
    case 'union':
      for (const o of def.options!) schemaPaths(o, [...path.slice(0, -1), '*'], out);
      break;
  }
  return out;
}

/** Every key path of a parsed YAML value (list items walked under their list's path). */
function valuePaths(value: unknown, path: string[] = [], out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) valuePaths(v, path, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add([...path, k].join('.'));
      valuePaths(v, [...path, k], out);
    }
  }
  return out;
}

/** The skeleton's config with every commented setting ("# key: …", "# - …") switched on. */
function everythingOn(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\s*)# (.*)$/.exec(line);
      if (!m) return line;
      const rest = m[2]!;
      return /^\s*([A-Za-z][A-Za-z0-9]*:(\s|$)|- )/.test(rest) ? `${m[1]}${rest}` : line;
    })
    .join('\n');
}

const template = readFileSync(join(SKELETON, 'swp.config.yaml'), 'utf8').replace('{{partnershipName}}', 'X CSP').replace('{{areaName}}', 'X').replace('{{areaCode}}', 'E08000031');

describe('the init skeleton config', () => {
  it('names every key of the config schema, set or commented', () => {
    const have = [...valuePaths(parseYaml(everythingOn(template)))];
    const missing = [...schemaPaths(configSchema)].filter((want) => {
      const parts = want.split('.');
      return !have.some((h) => {
        const hp = h.split('.');
        return hp.length === parts.length && parts.every((p, i) => p === '*' || p === hp[i]);
      });
    });
    expect(missing).toEqual([]);
    // The walk itself finds the schema's keys (a walk that found nothing would pass the check above).
    expect(schemaPaths(configSchema).size).toBeGreaterThan(50);
  });

  it('is valid as written, and with every commented setting switched on', () => {
    expect(configSchema.safeParse(parseYaml(template)).error).toBeUndefined();
    expect(configSchema.safeParse(parseYaml(everythingOn(template))).error).toBeUndefined();
  });
});

describe('the init skeleton folders', () => {
  it('each input folder has a README naming what is left out without it', () => {
    for (const folder of ['crime/police-uk', 'home-office', 'measures', 'population', 'workspace']) {
      const readme = readFileSync(join(SKELETON, folder, 'README.md'), 'utf8');
      expect(readme, folder).toMatch(/Without (it|them)/);
    }
  });

  it('CSV templates are header-only (no example rows a reader would take as data)', () => {
    for (const file of ['measures/measures.csv', 'population/population.csv', 'workspace/plan-review.csv', 'workspace/consultation.csv', 'workspace/scores.csv']) {
      expect(existsSync(join(SKELETON, file)), file).toBe(true);
      expect(readFileSync(join(SKELETON, file), 'utf8').trim().split(/\r?\n/), file).toHaveLength(1);
    }
  });
});
