#!/usr/bin/env node
/**
 * Derives one harm weight per police.uk crime category (data/reference/harm-weights.csv) from the offence-subgroup
 * inputs in data/reference/harm-weights-inputs.csv. Plain Node, no dependencies. See HARM-WEIGHTS.md for the sources.
 *
 *   node data/reference/derive-harm-weights.mjs            write harm-weights.csv
 *   node data/reference/derive-harm-weights.mjs --check    exit 1 if harm-weights.csv is not what the inputs give
 *   node data/reference/derive-harm-weights.mjs --mean     print the sensitivity table (subgroup means, not medians)
 *
 * Category weight = Σ (subgroup CCHI days × subgroup count) / Σ subgroup count, over the Home Office offence subgroups
 * that make up the police.uk category: the mean harm of one recorded crime of that category in England and Wales in
 * 2024/25. Rounded to 2 decimal places. Anti-social behaviour is not a crime and has no row (HARM-WEIGHTS.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HERE = new URL('./', import.meta.url);
export const INPUTS_FILE = new URL('harm-weights-inputs.csv', HERE);
export const OUTPUT_FILE = new URL('harm-weights.csv', HERE);

/** The 13 police.uk crime categories (anti-social behaviour excluded), in police.uk's order. */
export const CATEGORIES = [
  'Bicycle theft',
  'Burglary',
  'Criminal damage and arson',
  'Drugs',
  'Other crime',
  'Other theft',
  'Possession of weapons',
  'Public order',
  'Robbery',
  'Shoplifting',
  'Theft from the person',
  'Vehicle crime',
  'Violence and sexual offences',
];

export const SOURCE =
  'Cambridge Crime Harm Index 2026 update (Cambridge Centre for Evidence-Based Policing); subgroup medians and ' +
  'Home Office PRC 2024/25 counts as tabulated in github.com/isthisben/cbl-realcrime data/cchi_weights.csv @5591939d';
export const METHOD =
  'volume-weighted mean of Home Office offence-subgroup CCHI medians (days); volumes = police recorded crime, ' +
  'England and Wales territorial forces, 2024/25';

/** Minimal RFC 4180 parser: comma-separated, double-quoted fields with "" escapes, LF or CRLF line ends. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function csvField(value) {
  const v = String(value);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Whole-number or decimal text to a number; throws on anything else. */
function num(text, what) {
  if (!/^\d+(\.\d+)?$/.test(text.trim())) throw new Error(`${what}: not a non-negative number: "${text}"`);
  return Number(text);
}

/**
 * Category weights from the inputs CSV text. `statistic` picks the subgroup column: 'median' (the shipped weights)
 * or 'mean' (sensitivity only). Returns [{ crimeType, weight (unrounded), count, parts: [{ subgroup, days, count }] }]
 * in CATEGORIES order.
 */
export function deriveCategoryWeights(inputText, statistic = 'median') {
  const [header, ...rows] = parseCsv(inputText);
  const col = (name) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`inputs: missing column "${name}"`);
    return at;
  };
  const cType = col('crime_type');
  const cSub = col('prc_offence_subgroup');
  const cDays = col(statistic === 'mean' ? 'cchi_mean_days' : 'cchi_median_days');
  const cCount = col('count_2024_25');
  const byType = new Map(CATEGORIES.map((t) => [t, []]));
  for (const [i, r] of rows.entries()) {
    const type = r[cType];
    const parts = byType.get(type);
    if (!parts) throw new Error(`inputs line ${i + 2}: unknown crime_type "${type}"`);
    parts.push({ subgroup: r[cSub], days: num(r[cDays], `line ${i + 2}`), count: num(r[cCount], `line ${i + 2}`) });
  }
  return CATEGORIES.map((crimeType) => {
    const parts = byType.get(crimeType);
    if (parts.length === 0) throw new Error(`inputs: no subgroup for "${crimeType}"`);
    const count = parts.reduce((a, p) => a + p.count, 0);
    const harm = parts.reduce((a, p) => a + p.days * p.count, 0);
    if (count <= 0) throw new Error(`inputs: zero volume for "${crimeType}"`);
    return { crimeType, weight: harm / count, count, parts };
  });
}

/** Round half away from zero to 2 decimal places (weights are positive). */
export function round2(x) {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

/** The harm-weights.csv text for derived weights. */
export function renderWeightsCsv(derived) {
  const lines = ['crime_type,weight,unit,source,method,notes'];
  for (const d of derived) {
    const notes =
      'subgroup CCHI median days x 2024/25 count: ' +
      d.parts.map((p) => `${p.subgroup} ${p.days} x ${p.count}`).join('; ') +
      `; total count ${d.count}`;
    lines.push([d.crimeType, round2(d.weight).toFixed(2), 'days', SOURCE, METHOD, notes].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function main(argv) {
  const inputs = readFileSync(INPUTS_FILE, 'utf8');
  if (argv.includes('--mean')) {
    const med = deriveCategoryWeights(inputs, 'median');
    const mean = deriveCategoryWeights(inputs, 'mean');
    console.log('crime_type,weight_from_medians,weight_from_means');
    med.forEach((m, i) => console.log(`${m.crimeType},${round2(m.weight).toFixed(2)},${round2(mean[i].weight).toFixed(2)}`));
    return 0;
  }
  const text = renderWeightsCsv(deriveCategoryWeights(inputs, 'median'));
  if (argv.includes('--check')) {
    const shipped = readFileSync(OUTPUT_FILE, 'utf8');
    if (shipped !== text) {
      console.error('harm-weights.csv differs from what harm-weights-inputs.csv gives: run derive-harm-weights.mjs');
      return 1;
    }
    console.log('harm-weights.csv is up to date');
    return 0;
  }
  writeFileSync(OUTPUT_FILE, text);
  console.log(`wrote ${fileURLToPath(OUTPUT_FILE)}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
