/**
 * `swp needs-assessment` through the CLI, in-process and without a browser (JSON, HTML and CSV only): the exit
 * codes of a bad flag (2) and a bad definition in the config (4, located), and the data gaps of a workspace that
 * has nothing but its population: each missing input is named, and the document still says something in each
 * section.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { NeedsAssessment } from '../../src/model/contract-needs.js';
import { ROOT, tempDir, writeTree } from '../helpers.js';

const CONFIG = `partnership:
  name: Castlebridge Community Safety Partnership
area:
  name: Castlebridge
  code: E08099001
inputs:
  population: [population]
`;

/** The demo's population rows for Castlebridge: the one input a workspace must have. */
const POPULATION = readFileSync(join(ROOT, 'data/demo/population/population.csv'), 'utf8')
  .split('\n')
  .filter((l, i) => i === 0 || l.startsWith('E08099001,'))
  .join('\n');

async function swp(argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await run(argv, { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: {}, cwd: ROOT });
  return { code, ...out };
}

function workspace(extraConfig = ''): string {
  return writeTree(tempDir('swp-needs-e2e-'), { 'swp.config.yaml': CONFIG + extraConfig, 'population/population.csv': POPULATION });
}

describe('swp needs-assessment (CLI)', () => {
  it('refuses a bad --year with exit 2 before reading anything', async () => {
    const ws = workspace();
    const r = await swp(['needs-assessment', '-w', ws, '--year', '2016/18', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year');
    expect(existsSync(join(ws, 'out/needs-assessment-2016-17.json'))).toBe(false);
  });

  it('refuses a crime type police.uk does not have in seriousViolence.definition, with exit 4 and its place in the config', async () => {
    const ws = workspace('seriousViolence:\n  definition:\n    policeUk: [Knife crime]\n');
    const r = await swp(['needs-assessment', '-w', ws, '--year', '2016/17', '--format', 'json']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('seriousViolence.definition.policeUk[0]');
    expect(r.stderr).toMatch(/swp\.config\.yaml:10:/);
  });

  it('writes the assessment of a bare workspace with every missing input named as a gap', async () => {
    const ws = workspace();
    const r = await swp(['needs-assessment', '-w', ws, '--year', '2016/17', '--format', 'json,html,csv', '--date', '2017-06-30', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const n = JSON.parse(readFileSync(join(ws, 'out/needs-assessment-2016-17.json'), 'utf8')) as NeedsAssessment;
    expect(n).toMatchObject({ kind: 'needs-assessment', violence: { total: null, byType: [] }, homeOffice: null, hospitalAdmissions: null, places: null, recommendations: 'draft' });
    expect(n.gaps.map((g) => g.topic)).toEqual(expect.arrayContaining(['Recorded crime (police.uk)', 'Offence detail (Home Office CSP table)', 'Hospital admissions for violence (OHID Fingertips)', 'Where it happens']));
    const html = readFileSync(join(ws, 'out/needs-assessment-2016-17.html'), 'utf8').replace(/<style>[\s\S]*?<\/style>/, '');
    expect(html).toContain('No police.uk street-level data were given');
    expect(html).toContain('No trends or comparisons');
    expect(html).not.toMatch(/undefined|NaN/);
    expect(readFileSync(join(ws, 'out/needs-assessment-2016-17-data/data_gaps.csv'), 'utf8')).toContain('indicator 11201');
  });

  it("prints the analyst's recommendations and introduction in place of the draft", async () => {
    const ws = workspace();
    writeTree(ws, { 'text/needs-assessment/recommendations.md': '<!-- ours -->\n1. Fund a **violence reduction navigator** at Castlebridge General.\n', 'text/needs-assessment/introduction.md': 'Agreed by the board on 1 June 2017.\n' });
    const r = await swp(['needs-assessment', '-w', ws, '--year', '2016/17', '--format', 'json,html', '--date', '2017-06-30', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(ws, 'out/needs-assessment-2016-17.html'), 'utf8');
    expect(html).toContain('<strong>violence reduction navigator</strong>');
    expect(html).toContain('Agreed by the board on 1 June 2017.');
    expect(html).not.toContain('Draft: for the analyst to review');
    expect(JSON.parse(readFileSync(join(ws, 'out/needs-assessment-2016-17.json'), 'utf8')).recommendations).toBe('analyst');
  });
});
