/**
 * The LSOA choropleth asked for by `document.lsoaMap: true` (issue 13 point 2): its classes against quantiles
 * computed here (R's default type 7, written out below) from an independent count of the demo's files — crimes by
 * LSOA in the 2016/17 street files, residents from the LSOA population file — and left out when not asked for.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { run } from '../../src/cli/run.js';
import type { Assessment } from '../../src/model/contract.js';
import { tempDir } from '../helpers.js';
import { DEMO, demoJson } from './demo-json.js';

const rows = (file: string) => parse(readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];

/** The demo workspace with the switch on: its config with absolute input paths, in a folder of its own. */
function workspaceWithLsoaMap(): string {
  const config = parseYaml(readFileSync(join(DEMO, 'swp.config.yaml'), 'utf8'));
  for (const [k, v] of Object.entries(config.inputs as Record<string, string | string[]>)) config.inputs[k] = Array.isArray(v) ? v.map((p) => join(DEMO, p)) : join(DEMO, v);
  config.document = { ...(config.document ?? {}), lsoaMap: true };
  const dir = tempDir();
  writeFileSync(join(dir, 'swp.config.yaml'), stringifyYaml(config));
  return dir;
}

/** Crimes (no anti-social behaviour) by LSOA name, Castlebridge's LSOAs, 2016-04 … 2017-03. */
function crimesByLsoa(): Map<string, number> {
  const out = new Map<string, number>();
  const root = join(DEMO, 'crime/police-uk');
  for (const month of readdirSync(root).filter((m) => m >= '2016-04' && m <= '2017-03')) {
    for (const f of readdirSync(join(root, month)).filter((x) => x.endsWith('-street.csv'))) {
      for (const r of rows(join(root, month, f))) {
        if (!/^Castlebridge \d{3}[A-Z]$/.test(r['LSOA name']!) || r['Crime type'] === 'Anti-social behaviour') continue;
        out.set(r['LSOA name']!, (out.get(r['LSOA name']!) ?? 0) + 1);
      }
    }
  }
  return out;
}

/** R's quantile type 7 (Hyndman & Fan 1996): x[h] interpolated at h = (n − 1)p, on sorted values. */
function quantile7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!) : sorted[lo]!;
}

/** The rows of the HTML table whose caption starts with `caption`: the cells' text. */
function htmlTable(html: string, caption: string): string[][] {
  const at = html.indexOf(`<caption>${caption}`);
  expect(at, caption).toBeGreaterThan(0);
  const body = html.slice(at, html.indexOf('</table>', at));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.trim()));
}

let a: Assessment;
let html: string;

beforeAll(async () => {
  const out = tempDir();
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: out };
  expect(await run(['assess', '-w', workspaceWithLsoaMap(), '--format', 'json,html', '--out', out, '--date', '2017-06-30'], io)).toBe(0);
  a = JSON.parse(readFileSync(join(out, 'assessment-2016-17.json'), 'utf8'));
  html = readFileSync(join(out, 'assessment-2016-17.html'), 'utf8');
}, 240_000);

describe('the LSOA map (document.lsoaMap)', () => {
  it('classes every LSOA by quantiles of the crime rate computed here, with the legend giving the breaks', () => {
    const crimes = crimesByLsoa();
    const pop = new Map(rows(join(DEMO, 'geography/lsoa-population-mid-2016.csv')).map((r) => [r['LSOA Name']!, Number(r['All Ages'])]));
    const table = htmlTable(html, 'Data for the map: Crime per 1,000 residents by neighbourhood (LSOA)');
    // Every LSOA of Castlebridge in the police.uk data, each with its rate (no demo LSOA has fewer than 5 crimes).
    expect(table.map((r) => r[0]).sort()).toEqual([...crimes.keys()].sort());
    const rate = (name: string) => (crimes.get(name)! / pop.get(name)!) * 1000;
    const sorted = [...crimes.keys()].map(rate).sort((x, y) => x - y);
    const breaks = [0.2, 0.4, 0.6, 0.8].map((p) => quantile7(sorted, p));
    expect(new Set(breaks).size).toBe(4);
    for (const [name, count, residents, shown, , cls] of table) {
      expect(count!.replace(/,/g, ''), name).toBe(String(crimes.get(name!)));
      expect(residents!.replace(/,/g, ''), name).toBe(String(pop.get(name!)));
      expect(Number(shown!.replace(/,/g, '')), name).toBeCloseTo(rate(name!), 1);
      expect(Number(cls), name).toBe(1 + breaks.filter((b) => rate(name!) > b).length);
    }
    // The legend: each class's range (from the lowest rate to the highest through the breaks) and how many LSOAs.
    const edges = [sorted[0]!, ...breaks, sorted[sorted.length - 1]!];
    for (let k = 0; k < 5; k++) {
      const n = sorted.filter((v) => (k === 0 || v > breaks[k - 1]!) && (k === 4 || v <= breaks[k]!)).length;
      expect(html).toContain(`${edges[k]!.toFixed(1)} to ${edges[k + 1]!.toFixed(1)} (${n})`);
    }
    expect(html).toContain('Classes: quantiles; (n) LSOAs');
  });

  it('is listed in the JSON with a text alternative naming the highest-rate neighbourhoods', () => {
    const map = a.places!.maps!.find((m) => m.id === 'lsoa-rates');
    expect(map?.title).toBe('Crime per 1,000 residents by neighbourhood (LSOA), 2016/17');
    const crimes = crimesByLsoa();
    const pop = new Map(rows(join(DEMO, 'geography/lsoa-population-mid-2016.csv')).map((r) => [r['LSOA Name']!, Number(r['All Ages'])]));
    const top = [...crimes.keys()].sort((x, y) => crimes.get(y)! / pop.get(y)! - crimes.get(x)! / pop.get(x)!).slice(0, 2);
    expect(map?.alt).toContain(`highest rates in ${top[0]} and ${top[1]} neighbourhoods`);
  });

  it('is off by default: the demo assessment has no LSOA map', async () => {
    const demo = (await demoJson()).assessment;
    expect(demo.places!.maps!.map((m) => m.id)).not.toContain('lsoa-rates');
    expect(demo.places!.maps!.map((m) => m.id)).toContain('ward-rates');
  });
});
