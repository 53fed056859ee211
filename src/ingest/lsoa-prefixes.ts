/**
 * The local-authority names that LSOA names in the police.uk street files begin with, counted by row: what a user
 * whose area matches no row (a typo, a merger, a renamed authority) needs to see to fix the config.
 */

import { readCsvRows } from './csv.js';
import { LSOA_NAME_RE } from './formats/police-uk-core.js';
import type { FileSummary } from '../model/data.js';
import type { Encoding } from './csv.js';
import { shownPath } from '../files/paths.js';

/** What is read of the workspace (./workspace.ts, which calls this while loading): named here so the two do not import each other. */
export interface PoliceFilesRead {
  policeInput?: { paths: string[]; encoding: Encoding; displayBase: string };
  summaries: readonly FileSummary[];
}

/**
 * The LSOA-name prefixes (local-authority names) of the located rows in the police.uk street files, most rows first,
 * from rows after `after` if given. Names are read row by row (not per LSOA code): after a merger the same code is
 * published under the new name. A second pass over the files, only when a warning needs it, over the files that hold
 * months after `after`.
 */
export async function lsoaPrefixes(ws: PoliceFilesRead, after?: string): Promise<Array<[string, number]>> {
  if (!ws.policeInput) return [];
  const { paths, displayBase, encoding } = ws.policeInput;
  const lastByFile = new Map(ws.summaries.filter((s) => s.kind === 'police-uk-street').map((s) => [s.file, s.lastPeriod]));
  const counts = new Map<string, number>();
  for (const file of paths) {
    const display = shownPath(displayBase, file);
    const lastPeriod = lastByFile.get(display);
    if (lastPeriod === undefined || (after !== undefined && lastPeriod <= after)) continue;
    let iMonth = -1;
    let iName = -1;
    for await (const row of readCsvRows(file, { displayPath: display, encoding })) {
      if (iName < 0) {
        iMonth = row.fields.findIndex((f) => f.trim() === 'Month');
        iName = row.fields.findIndex((f) => f.trim() === 'LSOA name');
        if (iName < 0) break;
        continue;
      }
      const name = row.fields[iName]?.trim() ?? '';
      if (name === '' || (after !== undefined && (row.fields[iMonth]?.trim() ?? '') <= after)) continue;
      const prefix = LSOA_NAME_RE.exec(name)?.[1] ?? name;
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The top prefixes as a phrase for a message: `"Colchester" (1,234 rows), "Tendring" (987 rows)`. */
export function prefixList(prefixes: ReadonlyArray<[string, number]>, max = 8): string {
  return prefixes
    .slice(0, max)
    .map(([name, k]) => `"${name}" (${k.toLocaleString('en-GB')} rows)`)
    .join(', ');
}
