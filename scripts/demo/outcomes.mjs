// Fictional police.uk outcomes files for Midshire (YYYY-MM-midshire-outcomes.csv), in the real layout of the
// data.police.uk archive: each month's file lists the outcomes *recorded in that month*, for crimes of that month or
// any earlier one, with the crime's location fields and the outcome type. See data/demo/SOURCES.md.
//
// They are made from the street files already written (so the street files and every existing figure stay as they
// were), with their own seeded streams ("outcomes|<month>"): for each Midshire crime, a history of outcomes that
// ends with its street file's Last outcome category, recorded 0-3 months after the crime (never after March 2017):
//   - a court result: "Suspect charged", then the result 1-4 months later; "Awaiting court outcome": "Suspect charged";
//   - another outcome: that outcome; 3% of "Unable to prosecute suspect" first had "Investigation complete; no
//     suspect identified" (a suspect found later), so a later row changes the category;
//   - "Under investigation" and blank: no row, except that 4% of the crimes still under investigation in the street
//     file get an outcome recorded in March 2017 (the street file is an older edition than the outcomes file): the
//     outcomes file is later than the street file and wins.
import fs from 'node:fs';
import path from 'node:path';
import { Rng, csvLine, writeFile } from '../lib/synth.mjs';

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type';
const COURT = new Set([
  'Offender sent to prison', 'Offender given suspended prison sentence', 'Offender given community sentence', 'Offender fined',
  'Offender given conditional discharge', 'Offender ordered to pay compensation', 'Offender otherwise dealt with',
  'Defendant found not guilty', 'Court case unable to proceed', 'Court result unavailable', 'Defendant sent to Crown Court',
]);
const LATE = [['Investigation complete; no suspect identified', 0.6], ['Unable to prosecute suspect', 0.25], ['Suspect charged', 0.15]];

/** The fields of one CSV line (police.uk quotes fields with commas or quotes). */
function fields(line) {
  const out = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') q = false; else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

const lag = (rng, max) => Math.min(max, Math.floor(-Math.log(1 - rng.next()) * 1.2));

/** The outcome rows [monthIndex, outcome] of one crime, oldest first. */
function history(rng, i, last, outcome) {
  const at = (k) => Math.min(last, k);
  if (outcome === '') return [];
  if (outcome === 'Under investigation') {
    if (rng.next() >= 0.04) return [];
    const r = rng.next();
    return [[last, r < LATE[0][1] ? LATE[0][0] : r < LATE[0][1] + LATE[1][1] ? LATE[1][0] : LATE[2][0]]];
  }
  const first = at(i + lag(rng, 3));
  if (outcome === 'Awaiting court outcome') return [[first, 'Suspect charged']];
  if (COURT.has(outcome)) return [[first, 'Suspect charged'], [at(first + 1 + rng.int(4)), outcome]];
  if (outcome === 'Unable to prosecute suspect' && rng.next() < 0.03) return [[first, 'Investigation complete; no suspect identified'], [at(first + 1 + rng.int(3)), outcome]];
  return [[first, outcome]];
}

/** Write Midshire's outcomes files from its street files in `out`; returns [rel, bytes, rows] per file. */
export function writeOutcomes(out, months, seed) {
  const byMonth = months.map(() => []);
  const last = months.length - 1;
  for (const mo of months) {
    const rel = `crime/police-uk/${mo.ym}/${mo.ym}-midshire-street.csv`;
    const lines = fs.readFileSync(path.join(out, rel), 'utf8').split('\n').slice(1).filter((l) => l !== '');
    const rng = new Rng(seed, `outcomes|${mo.ym}`);
    for (const line of lines) {
      const f = fields(line);
      if (f[0] === '') continue; // anti-social behaviour: no Crime ID, no outcome
      for (const [k, outcome] of history(rng, mo.i, last, f[10])) byMonth[k].push([f[0], months[k].ym, f[2], f[3], f[4], f[5], f[6], f[7], f[8], outcome]);
    }
  }
  return months.map((mo, k) => {
    const rows = byMonth[k].sort((a, b) => (a[8] < b[8] ? -1 : a[8] > b[8] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const rel = `crime/police-uk/${mo.ym}/${mo.ym}-midshire-outcomes.csv`;
    return [rel, writeFile(path.join(out, rel), [HEADER, ...rows.map(csvLine)].join('\n') + '\n'), rows.length];
  });
}
