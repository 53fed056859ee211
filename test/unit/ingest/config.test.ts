import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { didYouMean, loadConfig } from '../../../src/ingest/config.js';
import { configJsonSchema } from '../../../src/model/json-schema.js';
import { ExitCode } from '../../../src/model/errors.js';
import { rejection, ROOT, tempDir, writeTree } from '../../helpers.js';

const MINIMAL = `partnership:
  name: Castlebridge Community Safety Partnership
area:
  name: Castlebridge
  code: E08099001
inputs:
  population: [population]
`;

async function load(text: string, name = 'swp.config.yaml') {
  const dir = tempDir();
  writeTree(dir, { [name]: text });
  return loadConfig(join(dir, name), dir);
}
const fails = (text: string, name?: string) => rejection(load(text, name));

describe('loadConfig', () => {
  it('fills defaults for a minimal config', async () => {
    const c = await load(MINIMAL);
    expect(c.partnership.name).toBe('Castlebridge Community Safety Partnership');
    expect(c.disclosure.threshold).toBe(5);
    expect(c.rag).toEqual({ redBeyondPercent: 5, amberWithinPercent: 5 });
    expect(c.document.protectiveMarking).toBe('OFFICIAL');
    expect(c.inputs.policeUk).toEqual([]);
    expect(c.financialYearStartMonth).toBe(4);
  });

  it('accepts JSON', async () => {
    const c = await load(JSON.stringify({ partnership: { name: 'P' }, area: { name: 'A', code: 'W06000015' }, inputs: { population: ['p.csv'] } }), 'swp.config.json');
    expect(c.area.code).toBe('W06000015');
  });

  it('reports an unknown key with its line and a did-you-mean hint', async () => {
    const err = await fails(MINIMAL.replace('  code: E08099001', '  code: E08099001\n  lsoaNamePrefx: Castle'));
    expect(err.code).toBe(ExitCode.CONFIG);
    expect(err.problems).toEqual([
      expect.objectContaining({ message: 'unknown key "lsoaNamePrefx"', file: 'swp.config.yaml', line: 6, column: 3, keyPath: 'area.lsoaNamePrefx', hint: 'did you mean "lsoaNamePrefix"?' }),
    ]);
  });

  it('suggests keys inside arrays of objects (criteria weights)', async () => {
    const err = await fails(`${MINIMAL}priorities:\n  criteria:\n    - id: volume\n      weigth: 3\n`);
    expect(err.problems[0]).toMatchObject({ keyPath: 'priorities.criteria[0].weigth', hint: 'did you mean "weight"?', line: 11 });
  });

  it('reports every schema problem at once with key paths', async () => {
    const err = await fails(`partnership:\n  name: ""\narea:\n  name: Castlebridge\n  code: E0809\ninputs:\n  population: []\ndisclosure:\n  threshold: 0\n`);
    expect(err.problems.map((p) => p.keyPath).sort()).toEqual(['area.code', 'disclosure.threshold', 'inputs.population', 'partnership.name']);
    const code = err.problems.find((p) => p.keyPath === 'area.code')!;
    expect(code).toMatchObject({ line: 5, found: '"E0809"' });
    expect(code.expected).toContain('E08000031');
  });

  it('names a missing required section', async () => {
    const err = await fails('partnership:\n  name: X\n');
    expect(err.problems.map((p) => [p.keyPath, p.message])).toEqual([
      ['area', 'a required key is missing'],
      ['inputs', 'a required key is missing'],
    ]);
  });

  it('rejects weights that add up to zero', async () => {
    const err = await fails(`${MINIMAL}priorities:\n  criteria:\n    - { id: volume, weight: 0 }\n    - { id: harm, weight: 0 }\n`);
    expect(err.problems[0]).toMatchObject({ keyPath: 'priorities.criteria', message: 'the criteria weights add up to 0, so no priority can be scored', found: 'volume: 0, harm: 0' });
  });

  it('rejects a criterion listed twice and duplicate priority ids', async () => {
    const err = await fails(`${MINIMAL}priorities:\n  criteria:\n    - { id: volume, weight: 1 }\n    - { id: volume, weight: 2 }\nstrategicPriorities:\n  - { id: a, label: A, indicators: [x] }\n  - { id: a, label: B, indicators: [y] }\n`);
    expect(err.problems.map((p) => p.keyPath)).toEqual(['priorities.criteria[1].id', 'strategicPriorities[1].id']);
  });

  it('reports YAML syntax errors with line and column', async () => {
    const err = await fails('partnership:\n  name: "unterminated\narea: {\n');
    expect(err.code).toBe(ExitCode.CONFIG);
    expect(err.problems[0]!.message).toMatch(/^the config is not valid YAML/);
    expect(err.problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a duplicate key', async () => {
    const err = await fails(`${MINIMAL}area:\n  name: Again\n`);
    expect(err.problems[0]!.hint).toContain('a key appears twice');
  });
});

describe('didYouMean', () => {
  it('suggests close keys and nothing for distant ones', () => {
    expect(didYouMean('polarty', ['polarity', 'target'])).toBe('polarity');
    expect(didYouMean('zzzzzz', ['polarity', 'target'])).toBeUndefined();
  });
});

describe('published JSON Schema', () => {
  it('schema/swp.config.schema.json is the one generated from the zod schema (run npm run schemas)', () => {
    const published = JSON.parse(readFileSync(join(ROOT, 'schema/swp.config.schema.json'), 'utf8'));
    expect(published).toEqual(configJsonSchema());
  });
});
