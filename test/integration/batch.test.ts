/** `swp assess --all-areas`: one run, a folder per local authority, each a valid document about its own area. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Assessment } from '../../src/model/contract.js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ROOT, tempDir } from '../helpers.js';

const DEMO = join(ROOT, 'data/demo');

/** Violence rows of an LA in the demo's street files for 2016/17, by plain text scanning (independent of swp). */
function violence(la: string): number {
  let n = 0;
  for (let i = 0; i < 12; i++) {
    const month = `${2016 + Math.floor((3 + i) / 12)}-${String(((3 + i) % 12) + 1).padStart(2, '0')}`;
    for (const f of readdirSync(join(DEMO, 'crime/police-uk', month))) {
      for (const line of readFileSync(join(DEMO, 'crime/police-uk', month, f), 'utf8').split(/\r?\n/)) {
        if (new RegExp(`,${la} \\d{3}[A-Z],Violence and sexual offences,`).test(line)) n++;
      }
    }
  }
  return n;
}

const quiet = (cwd: string) => ({ stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd });

/**
 * A workspace of its own for one of the demo's other areas: the demo config with the area changed and the inputs
 * pointing at the demo's files (absolute paths), the partnership's own tables left out as a batch leaves them out.
 */
function singleAreaWorkspace(name: string, code: string): string {
  const config = parseYaml(readFileSync(join(DEMO, 'swp.config.yaml'), 'utf8'));
  config.partnership = { name: `${name} Community Safety Partnership` };
  config.area = { name, code, cspName: name, peers: [] };
  const abs = (p: string) => join(DEMO, p);
  const inputs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config.inputs as Record<string, string | string[]>)) {
    if (['planReview', 'consultation', 'scores', 'actionPlan', 'exceptions'].includes(k)) continue;
    inputs[k] = Array.isArray(v) ? v.map(abs) : abs(v);
  }
  config.inputs = inputs;
  const dir = tempDir();
  writeFileSync(join(dir, 'swp.config.yaml'), stringifyYaml(config));
  return dir;
}

/** The "Where crime happens" chapter of an HTML document. */
const chapter = (html: string) => /<section class="chapter" aria-labelledby="places">[\s\S]*?<\/section>/.exec(html)?.[0];

describe('assess --all-areas', () => {
  it('writes one valid assessment per area with data, skipping areas without, and a one-line JSON summary', async () => {
    const out = tempDir();
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await run(['assess', '-w', DEMO, '--all-areas', '--format', 'json', '--out', out, '--date', '2017-06-30', '--stdout'], {
      stdout: { write: (s: string) => stdout.push(s) },
      stderr: { write: (s: string) => stderr.push(s) },
      env: {},
      cwd: out,
    });
    expect(code, stderr.join('')).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['castlebridge', 'hollinbury', 'westbrook']);
    expect(stderr.join('')).toContain('warning: Brackenford skipped: no police.uk rows and no measures for it in the inputs');
    const summary = JSON.parse(stdout.join(''));
    expect(summary.areas.map((a: { area: string }) => a.area)).toEqual(['Castlebridge', 'Hollinbury', 'Westbrook']);
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema/assessment.schema.json'), 'utf8')));
    for (const [folder, name, codeId] of [['castlebridge', 'Castlebridge', 'E08099001'], ['hollinbury', 'Hollinbury', 'E08099002'], ['westbrook', 'Westbrook', 'E08099003']] as const) {
      const a: Assessment = JSON.parse(readFileSync(join(out, folder, 'assessment-2016-17.json'), 'utf8'));
      expect(validate(a)).toBe(true);
      expect(a.area).toEqual({ name, code: codeId });
      expect(a.indicators.find((i) => i.id === 'recorded-crime.violence-and-sexual-offences')?.count).toBe(violence(name));
    }
  });

  it('refuses an unknown area name with a usage error listing the known ones', async () => {
    const stderr: string[] = [];
    const code = await run(['assess', '-w', DEMO, '--areas', 'Atlantis', '--format', 'json', '--out', tempDir()], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => stderr.push(s) },
      env: {},
      cwd: ROOT,
    });
    expect(code).toBe(2);
    expect(stderr.join('')).toMatch(/unknown area "Atlantis"[\s\S]*expected: local authorities in the population file: Brackenford, Castlebridge/);
  });

  it("gives each area of a batch the places chapter (JSON and HTML, maps included) that a run for that area alone gives", async () => {
    const batch = tempDir();
    expect(await run(['assess', '-w', DEMO, '--all-areas', '--format', 'json,html', '--out', batch, '--date', '2017-06-30'], quiet(batch))).toBe(0);
    for (const [folder, name, code] of [['castlebridge', 'Castlebridge', 'E08099001'], ['hollinbury', 'Hollinbury', 'E08099002'], ['westbrook', 'Westbrook', 'E08099003']] as const) {
      const ws = name === 'Castlebridge' ? DEMO : singleAreaWorkspace(name, code);
      const single = tempDir();
      expect(await run(['assess', '-w', ws, '--format', 'json,html', '--out', single, '--date', '2017-06-30'], quiet(single)), name).toBe(0);
      const read = (dir: string, ext: string) => readFileSync(join(dir, `assessment-2016-17.${ext}`), 'utf8');
      const mine: Assessment = JSON.parse(read(join(batch, folder), 'json'));
      const alone: Assessment = JSON.parse(read(single, 'json'));
      // Every part of the chapter is there for every area (the demo geography covers all three), and is the same.
      expect(mine.places?.wards?.length, name).toBeGreaterThan(0);
      expect(mine.places?.maps?.map((m) => m.id), name).toContain('hotspots');
      expect(mine.places?.locations?.length, name).toBeGreaterThan(0);
      expect(mine.places?.deprivation?.length, name).toBeGreaterThan(0);
      expect(mine.places, name).toEqual(alone.places);
      // The wards are the area's own: the lookup's wards for its local-authority code (read here as plain text).
      const lookup = readFileSync(join(DEMO, 'geography/lsoa11-ward17-lad17-lookup.csv'), 'utf8').split(/\r?\n/).filter((l) => l.includes(`,${code},`));
      expect(mine.places!.wards!.map((w) => w.code).sort(), name).toEqual([...new Set(lookup.map((l) => l.split(',')[2]))].sort());
      const html = chapter(read(join(batch, folder), 'html'));
      expect(html, name).toContain('<svg');
      expect(html, name).toBe(chapter(read(single, 'html')));
    }
  }, 240_000);
});
