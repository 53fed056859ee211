/**
 * What a workspace still lacks, in the order to fill it in (the order of the skeleton's README): the area in the
 * config, police.uk files, population, then the optional Home Office workbook, measures and the partnership's own
 * tables. A fresh `swp init` skeleton gives the whole list; `swp validate` prints it before reading anything, so a
 * new analyst sees one short list of steps rather than the reader errors of every empty folder.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Config, InputSource } from '../../model/config.js';

export interface MissingInput {
  /** The folder, file or config key, as shown. */
  where: string;
  what: string;
  /** Needed for a first document (false: optional, the documents leave something out). */
  needed: boolean;
}

/** The area code and name `swp init` writes when none is given. */
const PLACEHOLDER_CODE = 'E08000000';
const PLACEHOLDER_NAME = 'My Area';
const DATA_FILE = /\.(csv|tsv|xlsx|xlsm|xls|ods)$/i;

/** Whether a file has data: a workbook, or a text file with a line below its header. */
async function hasData(path: string): Promise<boolean> {
  if (!/\.(csv|tsv)$/i.test(path)) return true;
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
    const lines = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/).filter((l) => l.replace(/[,\s\uFEFF]/g, '') !== '');
    return lines.length >= 2;
  } finally {
    await handle.close();
  }
}

/** Whether a configured file or folder holds at least one data file (folders are searched recursively). */
async function holdsData(path: string): Promise<boolean> {
  const st = await stat(path).catch(() => undefined);
  if (!st) return false;
  if (!st.isDirectory()) return hasData(path);
  for (const e of await readdir(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    if (e.isDirectory() ? await holdsData(p) : DATA_FILE.test(e.name) && (await hasData(p))) return true;
  }
  return false;
}

const pathOf = (entry: string | InputSource) => (typeof entry === 'string' ? entry : entry.path);

/** The inputs, in the order to fill them in: key, what goes there, and whether a first document needs it. */
const STEPS: { key: keyof Config['inputs']; what: string; needed: boolean }[] = [
  { key: 'policeUk', what: 'police.uk street-level crime files, at least 12 months (data.police.uk, "Custom download", "Include crime data"): unzip the download here', needed: true },
  { key: 'population', what: 'ONS mid-year population estimates: the ONS workbook as published (table MYE2), or population.csv filled in (see the README there)', needed: true },
  { key: 'homeOffice', what: 'optional: the Home Office "Community Safety Partnership open data" workbook, as published; without it, no comparison with similar areas or the force', needed: false },
  { key: 'measures', what: 'optional: OHID Fingertips exports (first-time entrants, hospital admissions for violence, drug treatment) and other measures; without them, those indicators are left out', needed: false },
  { key: 'planReview', what: "optional: last year's plan actions; without it, no review of last year's plan", needed: false },
  { key: 'consultation', what: 'optional: consultation results; without it, no consultation section', needed: false },
  { key: 'scores', what: 'optional: workshop scores; without it, priorities are ranked on the data criteria only', needed: false },
];

/** Everything still missing in a workspace whose config has loaded, in the order to fill it in. */
export async function missingInputs(config: Config, root: string, cwd: string): Promise<MissingInput[]> {
  const out: MissingInput[] = [];
  if (config.area.code === PLACEHOLDER_CODE || config.area.name === PLACEHOLDER_NAME) {
    out.push({
      where: `${relative(cwd, join(root, 'swp.config.yaml')) || 'swp.config.yaml'} (area.name, area.code)`,
      what: "your local authority's name as police.uk spells it in LSOA names, and its ONS code (e.g. Wolverhampton, E08000031)",
      needed: true,
    });
  }
  for (const step of STEPS) {
    const value = config.inputs[step.key];
    const entries = value === undefined ? [] : Array.isArray(value) ? value : [value];
    for (const entry of entries) {
      const path = resolve(root, pathOf(entry));
      // A path that does not exist is a mistake in the config, which the loader reports with its key.
      if (!(await stat(path).catch(() => undefined))) continue;
      if (!(await holdsData(path))) out.push({ where: `${relative(cwd, path) || path}/`.replace(/\.(csv|tsv)\/$/i, '.$1'), what: step.what, needed: step.needed });
    }
  }
  return out;
}

/** The printed list: numbered steps, the needed ones first in their order, then the optional ones. */
export function missingLines(missing: readonly MissingInput[]): string[] {
  const needed = missing.filter((m) => m.needed);
  const optional = missing.filter((m) => !m.needed);
  const lines: string[] = [];
  let n = 0;
  if (needed.length > 0) {
    lines.push('Still to do before a first document, in this order:');
    for (const m of needed) lines.push(`  ${++n}. ${m.where}: ${m.what}`);
  }
  if (optional.length > 0) {
    lines.push(needed.length > 0 ? 'Then, if you have them:' : 'Optional inputs not given yet:');
    for (const m of optional) lines.push(`  ${++n}. ${m.where}: ${m.what}`);
  }
  return lines;
}
