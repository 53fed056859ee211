/**
 * An independent count of the demo's most similar group for violence and sexual offences in 2016/17, straight from
 * data/demo/home-office (offence groups "Violence against the person" and "Sexual offences") and the population
 * file (mid-2016, all ages): each member's crimes, residents and rate per 1,000, without swp's readers or analysis.
 * Shared by the analysis test and the PDF readback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT } from '../../helpers.js';

export const DEMO_DIR = join(ROOT, 'data/demo');
export const DEMO_PEERS = ['Hollinbury', 'Westbrook', 'Brackenford', 'Dunmere', 'Eastholme', 'Wrenfield', 'Harrowgate Vale', 'Kingsferry'];
const VIOLENCE_GROUPS = new Set(['Violence against the person', 'Sexual offences']);

export interface Member {
  name: string;
  count: number;
  population: number;
  rate: number;
}

/** Violence and sexual offences in 2016/17 (all four quarters) by CSP name. */
export function demoViolence2016(): Map<string, Member> {
  const ho = parse(readFileSync(join(DEMO_DIR, 'home-office/prc-csp-2013-2017.csv')), { columns: true }) as Record<string, string>[];
  const pop = parse(readFileSync(join(DEMO_DIR, 'population/population.csv')), { columns: true }) as Record<string, string>[];
  const counts = new Map<string, number>();
  for (const r of ho) {
    if (r['Financial Year'] !== '2016/17' || !VIOLENCE_GROUPS.has(r['Offence Group']!)) continue;
    counts.set(r['CSP Name']!, (counts.get(r['CSP Name']!) ?? 0) + Number(r['Number of Offences']));
  }
  const out = new Map<string, Member>();
  for (const [name, count] of counts) {
    const p = pop.find((row) => row.area_name === name && row.year === '2016' && row.age_band === 'all');
    if (!p) continue;
    const population = Number(p.population);
    out.set(name, { name, count, population, rate: (count / population) * 1000 });
  }
  return out;
}
