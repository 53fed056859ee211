// Fictional police.uk stop-and-search files for the demo's forces, in the real layout (the header and values of
// data.police.uk's YYYY-MM-<force>-stop-and-search.csv, as in test/fixtures/real/2019-06-greater-manchester-
// stop-and-search.csv), and a Census 2021 TS021 "Ethnic group" table for the demo local authorities in the layout
// of the ONS bulk download (census2021-ts021-ltla.csv). See data/demo/SOURCES.md.
//
// Searches are put at the areas' map points (inside their LSOAs' boundaries), a few with no location. Dates are UK
// local times written in UTC with a +00:00 offset as police.uk does, so a search just after midnight on the 1st of
// a summer month is dated 23:xx on the last day of the month before and filed in the later month.
import path from 'node:path';
import { Rng, cumulative, csvLine, writeFile } from '../lib/synth.mjs';

const HEADER = 'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';

// Residents' shares by broad group (Census 2021 order: Asian, Black, Mixed, White, Other) and the relative search
// rate of each group against White, loosely after the Home Office's 2021/22 figures for England and Wales.
export const ETHNIC_SHARES = { Asian: 0.092, Black: 0.041, Mixed: 0.029, White: 0.82, Other: 0.018 };
const RELATIVE_RATE = { Asian: 1.4, Black: 3.6, Mixed: 1.9, White: 1, Other: 1.2 };
const SELF_DEFINED = {
  White: ['White - English/Welsh/Scottish/Northern Irish/British', 'White - Any other White background', 'White - Irish'],
  Black: ['Black/African/Caribbean/Black British - African', 'Black/African/Caribbean/Black British - Caribbean', 'Black/African/Caribbean/Black British - Any other Black/African/Caribbean background'],
  Asian: ['Asian/Asian British - Pakistani', 'Asian/Asian British - Indian', 'Asian/Asian British - Bangladeshi', 'Asian/Asian British - Any other Asian background'],
  Mixed: ['Mixed/Multiple ethnic groups - White and Black Caribbean', 'Mixed/Multiple ethnic groups - White and Asian', 'Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background'],
  Other: ['Other ethnic group - Any other ethnic group', 'Other ethnic group - Arab'],
};
const OBJECTS = [['Controlled drugs', 0.6], ['Offensive weapons', 0.15], ['Stolen goods', 0.12], ['Article for use in theft', 0.08], ['Anything to threaten or harm anyone', 0.05]];
const OUTCOMES = [['A no further action disposal', 0.7], ['Arrest', 0.13], ['Khat or Cannabis warning', 0.06], ['Community resolution', 0.05], ['Summons / charged by post', 0.03], ['Caution (simple or conditional)', 0.02], ['Penalty Notice for Disorder', 0.01]];
const AGES = [['10-17', 0.22], ['18-24', 0.38], ['25-34', 0.24], ['over 34', 0.16]];
// Monthly searches at the areas' map points (Castlebridge, Hollinbury: both in Midshire).
const PER_MONTH = { C: 70, H: 35 };

const pick = (rng, pairs) => pairs[rng.weighted(cumulative(pairs.map((p) => p[1])))][0];
const pad2 = (n) => String(n).padStart(2, '0');
const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

/** A UK local time in the month, as police.uk writes it: UTC with +00:00. */
function ukDate(rng, year, month) {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const [d, h, m] = [1 + rng.int(days), rng.int(24), rng.int(60)];
  // In British Summer Time local h:m is (h-1):m UTC; the check is against the instant itself.
  let t = Date.UTC(year, month - 1, d, h, m) - 3600000;
  if (Number(LONDON_HOUR.format(new Date(t))) !== h) t += 3600000;
  return new Date(t).toISOString().slice(0, 16) + ':00+00:00';
}

function search(rng, mo, point) {
  const groups = Object.keys(ETHNIC_SHARES);
  const group = groups[rng.weighted(cumulative(groups.map((g) => ETHNIC_SHARES[g] * RELATIVE_RATE[g])))];
  const notStated = rng.next() < 0.08;
  const self = notStated ? (rng.next() < 0.5 ? 'Other ethnic group - Not stated' : '') : SELF_DEFINED[group][rng.int(SELF_DEFINED[group].length)];
  const officer = group === 'Mixed' ? (rng.next() < 0.5 ? 'White' : 'Black') : group;
  const object = pick(rng, OBJECTS);
  const outcome = pick(rng, OUTCOMES);
  const linked = outcome === 'A no further action disposal' ? '' : rng.next() < 0.6 ? 'True' : 'False';
  const type = rng.next() < 0.85 ? 'Person search' : 'Person and Vehicle search';
  const legislation = object === 'Controlled drugs' ? 'Misuse of Drugs Act 1971 (section 23)' : 'Police and Criminal Evidence Act 1984 (section 1)';
  const [lat, lon] = point ? [point.lat, point.lon] : ['', ''];
  const gender = rng.next() < 0.9 ? 'Male' : 'Female';
  return [type, ukDate(rng, mo.year, mo.month), 'False', '', lat, lon, gender, pick(rng, AGES), self, officer, legislation, object, outcome, linked, 'False'];
}

/** Write Midshire's stop-and-search files into the police.uk tree; returns [rel, bytes, rows] per file written. */
export function writeStopSearch(out, months, areas, geo, seed) {
  const written = [];
  for (const mo of months) {
    const rng = new Rng(seed, `stop-search|${mo.ym}`);
    const rows = [];
    for (const [key, mean] of Object.entries(PER_MONTH)) {
      const lsoas = geo[key].lsoas;
      const n = rng.poisson(mean * areas[key].scale);
      for (let k = 0; k < n; k++) {
        const l = lsoas[rng.int(lsoas.length)];
        const point = rng.next() < 0.05 ? null : l.points[rng.int(l.points.length)];
        rows.push(search(rng, mo, point));
      }
    }
    rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    const rel = `crime/police-uk/${mo.ym}/${mo.ym}-midshire-stop-and-search.csv`;
    written.push([rel, writeFile(path.join(out, rel), [HEADER, ...rows.map(csvLine)].join('\n') + '\n'), rows.length]);
  }
  return written;
}

const TS021_HEADER = [
  'date', 'geography', 'geography code', 'Ethnic group: Total: All usual residents',
  'Ethnic group: Asian, Asian British or Asian Welsh', 'Ethnic group: Asian, Asian British or Asian Welsh: Bangladeshi', 'Ethnic group: Asian, Asian British or Asian Welsh: Chinese', 'Ethnic group: Asian, Asian British or Asian Welsh: Indian', 'Ethnic group: Asian, Asian British or Asian Welsh: Pakistani', 'Ethnic group: Asian, Asian British or Asian Welsh: Other Asian',
  'Ethnic group: Black, Black British, Black Welsh, Caribbean or African', 'Ethnic group: Black, Black British, Black Welsh, Caribbean or African: African', 'Ethnic group: Black, Black British, Black Welsh, Caribbean or African: Caribbean', 'Ethnic group: Black, Black British, Black Welsh, Caribbean or African: Other Black',
  'Ethnic group: Mixed or Multiple ethnic groups', 'Ethnic group: Mixed or Multiple ethnic groups: White and Asian', 'Ethnic group: Mixed or Multiple ethnic groups: White and Black African', 'Ethnic group: Mixed or Multiple ethnic groups: White and Black Caribbean', 'Ethnic group: Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups',
  'Ethnic group: White', 'Ethnic group: White: English, Welsh, Scottish, Northern Irish or British', 'Ethnic group: White: Irish', 'Ethnic group: White: Gypsy or Irish Traveller', 'Ethnic group: White: Roma', 'Ethnic group: White: Other White',
  'Ethnic group: Other ethnic group', 'Ethnic group: Other ethnic group: Arab', 'Ethnic group: Other ethnic group: Any other ethnic group',
];
// How each broad group splits into TS021's detailed groups (shares of the broad group).
const DETAIL = { Asian: [0.12, 0.1, 0.3, 0.33, 0.15], Black: [0.55, 0.3, 0.15], Mixed: [0.25, 0.15, 0.4, 0.2], White: [0.9, 0.015, 0.002, 0.003, 0.08], Other: [0.35, 0.65] };

/** Split `total` by shares into whole numbers that add up to it (largest remainders). */
function split(total, shares) {
  const raw = shares.map((s) => s * total);
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - out[i], i]).sort((a, b) => b[0] - a[0]);
  const short = total - out.reduce((s, v) => s + v, 0);
  for (let k = 0; k < short; k++) out[order[k][1]]++;
  return out;
}

/** The TS021 local-authority table for the demo areas; `residents` maps area code → usual residents. */
export function writeEthnicity(out, areas, residents, seed) {
  const rng = new Rng(seed, 'census-ts021');
  const rows = Object.values(areas).map((a) => {
    const total = residents[a.code];
    const jitter = Object.values(ETHNIC_SHARES).map((s) => s * (0.85 + 0.3 * rng.next()));
    const [asian, black, mixed, white, other] = split(total, jitter.map((s) => s / jitter.reduce((x, y) => x + y, 0)));
    const broad = { Asian: asian, Black: black, Mixed: mixed, White: white, Other: other };
    const cells = ['Asian', 'Black', 'Mixed', 'White', 'Other'].flatMap((g) => [broad[g], ...split(broad[g], DETAIL[g])]);
    return [2021, a.name, a.code, total, ...cells];
  });
  const rel = 'ethnicity/census2021-ts021-ltla.csv';
  return [[rel, writeFile(path.join(out, rel), [csvLine(TS021_HEADER), ...rows.map(csvLine)].join('\n') + '\n'), rows.length]];
}
