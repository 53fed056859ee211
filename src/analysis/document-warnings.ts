/**
 * The warnings a document carries, for `--fail-on-warnings`: a run that prints nothing can still publish a figure
 * that is missing, approximate or taken from another year, and a script that gates publication on exit 6 must see
 * it. Counted, from the document itself (JSON contract):
 *
 * - every entry of the document's `warnings` and every indicator's `notes` that says a figure is missing,
 *   approximate, replaced by another period's or left out (the patterns below);
 * - not counted: notes that only explain a method or a deliberate decision (compared as a rate per 1,000, series
 *   break, suppressed to protect the people counted, which row of overlapping periods was used, revised figures
 *   used): the figure shown is the right one, and the note says how it was made; nor the publication lag (the
 *   measures end before the period, so the latest published year is shown and said to be so).
 */

/** Notes that mean a figure is missing, approximate, substituted or left out; each with where it comes from. */
const WARNING_NOTES: RegExp[] = [
  /\bno police\.uk data\b/i, // sources.ts: months without street files
  /\bnot yet published\b/i, // sources.ts: an earlier mid-year population used
  /\bno population for\b|\bno rate\b/i, // sources.ts: no denominator
  /^latest available:/i, // assessment.ts: an earlier year used
  /\bhave no rows\b|\bno rows for\b/i, // sources.ts: no measures rows in the period
  /\bthe rows for .* cover .* only\b|\bno set of them covers\b/i, // period-rows.ts: months not covered, or overlapping rows
  /\bis not published\b/i, // sources.ts: a figure in the period is not published at source
  /\bmissing\b|\bincomplete\b|\bapproximate\b/i, // coverage notes (missing force-months, part years)
  /\bno data for\b|\bcannot be scored\b|\btreat this rank with caution\b/i, // priorities: criteria without data
  /\bignored\b|\bleft out\b/i, // priorities: scores or indicators left out
];

/**
 * The latest year used because the measures stop before the year asked: the publication lag every strategic
 * assessment lives with (proven reoffending is published about 15 months after a cohort year). The note says so,
 * but it is the normal state of the data, not a fault to stop a scripted run for; a year whose rows are there in
 * part is.
 */
const PUBLICATION_LAG = /\bhave no rows for .* yet; the latest ends on \d{4}-\d{2}-\d{2}$/i;

/** Whether a note says a figure is missing, approximate, substituted or left out. */
export function isWarningNote(note: string): boolean {
  if (PUBLICATION_LAG.test(note)) return false;
  return WARNING_NOTES.some((re) => re.test(note));
}

/** What of a document (assessment or report) the count reads. */
export interface DocumentLike {
  warnings: readonly string[];
  indicators: readonly { id: string; label: string; notes: readonly string[] }[];
}

/** The document's warnings that count for --fail-on-warnings, each as one line ("Label: note" for an indicator's). */
export function documentWarnings(doc: DocumentLike): string[] {
  const out = doc.warnings.filter(isWarningNote);
  for (const i of doc.indicators) for (const n of i.notes) if (isWarningNote(n)) out.push(`${i.label} (${i.id}): ${n}`);
  return out;
}
