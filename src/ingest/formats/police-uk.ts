/**
 * police.uk street-level crime files (data.police.uk "Custom download" and the monthly bulk archive).
 *
 * Reads single files or the bulk-download tree (`YYYY-MM/YYYY-MM-<force>-street.csv`, several forces at once),
 * keeps the rows that fall in the partnership (by LSOA code list or by local-authority name: LSOA names are
 * "<LA name> <3 digits><letter>") and aggregates them to partnership × month × crime type and LSOA × month × type;
 * a batch reads several areas in one pass, each getting what a read of it alone would.
 * Outcomes and stop-and-search files in the same tree are recognised by name and header and passed over: outcomes
 * with a note (the documents do not use them yet), stop and search without one, as it is read apart when a document
 * is made (../stop-search.ts).
 *
 * Two readers produce the same result: data, file summaries, warnings and located errors, in the same order. The
 * fast reader (../fast/) scans the fixed police.uk layout from the bytes, whole files at a time in worker threads
 * (and in this thread) for a large input, and is what `readPoliceUk` uses. The reference reader streams every row
 * through csv-parse (`readPoliceUkCsvParse`); it is used when a `columns` mapping or a declared non-UTF-8 encoding is
 * configured, and the fast reader hands it any file or part of a file it does not fully understand (an unusual
 * header, broken quoting, bytes that are not UTF-8, a NUL). The rules, the row checks and their messages live in
 * ./police-uk-core.ts; test/unit/ingest/police-uk-fast.test.ts runs both readers on the same files.
 */

import { readPoliceUkFast, type FastReadOptions } from '../fast/read.js';
import { expandPaths, finishIngest, newIngestState, readStreetFileCsvParse, stringIdSet, type PoliceUkOptions, type PoliceUkRead } from './police-uk-core.js';
import { shownPath } from '../../files/paths.js';

export { COLUMNS, FORMAT_NAME, expandPaths, type AreaFilter, type PoliceUkOptions, type PoliceUkRead } from './police-uk-core.js';

/**
 * Read police.uk files and folders into aggregated counts for the partnership (or, with `options.areas`, for
 * several areas in one pass). Problems in rows are collected across all files and thrown together; skipped files
 * (outcomes, stop and search) are reported as warnings.
 */
export async function readPoliceUk(paths: readonly string[], options: PoliceUkOptions): Promise<PoliceUkRead> {
  if (!fastReaderApplies(options)) return readPoliceUkCsvParse(paths, options);
  return readPoliceUkFast(paths, options);
}

/** The fast reader knows the police.uk header by name and UTF-8 (with Windows-1252 detection left to csv-parse). */
function fastReaderApplies(options: PoliceUkOptions): boolean {
  const enc = options.encoding ?? 'auto';
  return options.columns === undefined && (enc === 'auto' || enc === 'utf-8');
}

/** The reference reader: every file through csv-parse, row by row. */
export async function readPoliceUkCsvParse(paths: readonly string[], options: PoliceUkOptions): Promise<PoliceUkRead> {
  const displayBase = options.displayBase ?? process.cwd();
  const state = newIngestState(options, stringIdSet());
  for (const file of await expandPaths(paths, displayBase)) {
    await readStreetFileCsvParse(state, file, displayOf(displayBase, file));
  }
  return finishIngest(state);
}

export { readPoliceUkFast, type FastReadOptions };

function displayOf(base: string, file: string): string {
  return shownPath(base, file);
}