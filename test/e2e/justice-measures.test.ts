/**
 * Proven reoffending copied as the measures README of `swp init` says (the published columns with their own names,
 * mapped with `columns:` in the config), seen by `swp validate`: the example file and config lines are taken from
 * the README itself (templates/init/skeleton/measures/README.md).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers.js';
import { explain, SLOW, swp, temp } from '../integration/documents/support.js';

const README = readFileSync(join(ROOT, 'templates/init/skeleton/measures/README.md'), 'utf8');
const fenced = (lang: string) => [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

/** A fresh skeleton with the needed inputs, the README's reoffending file, and its config lines in place. */
async function workspace(csv: string): Promise<string> {
  const ws = join(temp('swp-justice-'), 'my-csp');
  expect((await swp(['init', ws, '--area', 'Castlebridge', '--code', 'E08099001'])).code).toBe(0);
  const valid = join(FIXTURES, 'workspaces/valid');
  cpSync(join(valid, 'crime/police-uk'), join(ws, 'crime/police-uk'), { recursive: true });
  cpSync(join(valid, 'population'), join(ws, 'population'), { recursive: true });
  // The README's YAML: its `measures:` list replaces the skeleton's one-line `measures: [measures]`.
  const yaml = fenced('yaml')[0]!;
  const path = /path: (\S+)/.exec(yaml)![1]!;
  mkdirSync(join(ws, path, '..'), { recursive: true });
  writeFileSync(join(ws, path), csv);
  const config = readFileSync(join(ws, 'swp.config.yaml'), 'utf8');
  const measuresLine = /^ {2}measures: \[measures\].*$/m;
  expect(config).toMatch(measuresLine);
  writeFileSync(join(ws, 'swp.config.yaml'), config.replace(measuresLine, yaml.slice(yaml.indexOf('  measures:')).trimEnd()));
  return ws;
}

describe('proven reoffending given as the measures README says', () => {
  it('validate lists the reoffending indicators read through the columns: mapping', async () => {
    const ws = await workspace(fenced('csv')[0]!);
    const r = await swp(['validate'], { cwd: ws });
    expect(r.stderr, explain(r)).not.toMatch(/^error:/m);
    expect(r.code, explain(r)).toBe(0);
    // Two indicators (adult, youth) for two areas (the authority and England and Wales), counted from the README file.
    expect(r.stderr).toContain('measures: 2 indicators for 2 areas: reoffending.adult, reoffending.youth');
  }, SLOW);

  it('a cohort name in a date column is an input error located in the copied file', async () => {
    const ws = await workspace(fenced('csv')[0]!.replace('2018-04-01,2019-03-31,1210', '2018-04-01,Apr 2018 to Mar 2019,1210'));
    const r = await swp(['validate'], { cwd: ws });
    expect(r.code, explain(r)).toBe(3);
    expect(r.stderr).toMatch(/justice\/moj-reoffending\.csv:2:5/);
    expect(r.stderr).toContain('2019-03-31 in period_end');
  }, SLOW);
});
