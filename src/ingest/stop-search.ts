/**
 * The police.uk stop-and-search files of the forces covering the area, for the months of a document. They sit in
 * the same bulk tree as the street files (`YYYY-MM/YYYY-MM-<force>-stop-and-search.csv`); the street readers pass
 * them over, and this narrower read runs only when a document is made, once its period is known. The force is only
 * in the file name: a file belongs to a covering force when the force's name, as a slug ("Greater Manchester
 * Police" → greater-manchester-police), begins with the file's slug (greater-manchester), as police.uk names them.
 */
import { basename } from 'node:path';
import { slugify } from '../model/data.js';
import { shownPath } from '../files/paths.js';
import { expandPaths, fileNameInfo } from './formats/police-uk-core.js';
import { readStopSearch, type StopSearch } from './formats/stop-search.js';

/** The searches read, by force. */
export interface StopSearchInput {
  /** Force names (covering forces' "Falls within" names, else the file slugs in words), in file order. */
  forces: string[];
  rows: StopSearch[];
  files: string[];
  months: string[];
}

/** A force name from a slug that matches no covering force: "greater-manchester" → "Greater Manchester". */
const words = (slug: string) => slug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

/** The covering force a file slug names, or null when `forces` is given and none matches. */
export function forceOfSlug(slug: string, forces: readonly string[]): string | null {
  if (forces.length === 0) return words(slug);
  return forces.find((f) => slugify(f) === slug || slugify(f).startsWith(`${slug}-`)) ?? null;
}

/**
 * Read the stop-and-search files among `paths` (files or folders) of the `forces` (all, when empty) and keep the
 * searches of `months` (UK local time). Undefined when there is no such file at all.
 *
 * @throws SwpError(INPUT) from the reader, with the file and line of every bad row.
 */
export async function readStopSearchFiles(paths: readonly string[], options: { displayBase: string; forces: readonly string[]; months: readonly string[] }): Promise<StopSearchInput | undefined> {
  const wanted = new Set(options.months);
  const out: StopSearchInput = { forces: [], rows: [], files: [], months: [...options.months] };
  let any = false;
  for (const file of await expandPaths(paths, options.displayBase)) {
    const info = fileNameInfo(file);
    if (info.kind !== 'stop-and-search' || info.force === undefined) continue;
    any = true;
    const force = forceOfSlug(info.force, options.forces);
    const month = /^(\d{4}-\d{2})-/.exec(basename(file))?.[1];
    if (force === null || (month !== undefined && !wanted.has(month))) continue;
    const display = shownPath(options.displayBase, file);
    const got = await readStopSearch(file, { displayPath: display });
    for (const r of got.rows) if (wanted.has(r.month)) out.rows.push(r);
    out.files.push(display);
    if (!out.forces.includes(force)) out.forces.push(force);
  }
  return any ? out : undefined;
}
