/** `swp assess --all-areas`: one run, a folder per local authority, each a valid document about its own area. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Assessment } from '../../src/model/contract.js';
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
});
