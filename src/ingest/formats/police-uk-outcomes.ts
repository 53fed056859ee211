/**
 * police.uk crime outcomes: the outcome strings of the street files' "Last outcome category" and of the outcomes
 * files' "Outcome type", grouped into five categories, and the checks on an outcomes-file row.
 *
 * Outcomes files (`YYYY-MM-<force>-outcomes.csv`, data.police.uk custom download with "Include outcomes" ticked, or
 * the archive) list the outcomes *recorded in that month*, for crimes of that month or any earlier one, with the
 * header `Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type`
 * (layout from data.police.uk/data "Outcomes" and the archive's files). They have no crime type: a crime's type comes
 * from its street row, joined on Crime ID.
 */
import { showFound, type Problem } from '../../model/errors.js';
import type { ColumnSpec } from '../header.js';

export const OUTCOME_CATEGORIES = ['charged', 'noSuspect', 'outOfCourt', 'open', 'other'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

/**
 * Every outcome string police.uk publishes, and its category. Source: data.police.uk "Outcome categories" (the
 * outcome status names of data.police.uk/docs/method/outcomes-for-crime/ and /about/#outcomes), the Ministry of
 * Justice note "Understanding the justice outcome data on the police.uk website" (July 2012) for the court results,
 * and the strings of the real Essex Police file test/fixtures/real/2022-12-essex-street-sample.csv. The last two are
 * stop-and-search outcome names a force may also use for a crime. Rules: a charge, an awaiting court outcome and every
 * court result (a court result implies a charge, whatever the verdict) are "charged or summonsed"; cautions,
 * community/local resolutions, penalty notices and drugs or cannabis/khat warnings are "out of court"; "Under
 * investigation" is "still open"; the rest (unable to prosecute, not in the public interest, another organisation,
 * status update unavailable) are "other". Matching ignores case and surrounding spaces.
 */
const OUTCOME_TABLE: ReadonlyArray<[string, OutcomeCategory]> = [
  ['Suspect charged', 'charged'],
  ['Suspect charged as part of another case', 'charged'],
  ['Awaiting court outcome', 'charged'],
  ['Court result unavailable', 'charged'],
  ['Court case unable to proceed', 'charged'],
  ['Defendant found not guilty', 'charged'],
  ['Defendant sent to Crown Court', 'charged'],
  ['Offender sent to prison', 'charged'],
  ['Offender given suspended prison sentence', 'charged'],
  ['Offender given community sentence', 'charged'],
  ['Offender fined', 'charged'],
  ['Offender given conditional discharge', 'charged'],
  ['Offender given absolute discharge', 'charged'],
  ['Offender ordered to pay compensation', 'charged'],
  ['Offender deprived of property', 'charged'],
  ['Offender otherwise dealt with', 'charged'],
  ['Investigation complete; no suspect identified', 'noSuspect'],
  ['Offender given a caution', 'outOfCourt'],
  ['Local resolution', 'outOfCourt'],
  ['Offender given penalty notice', 'outOfCourt'],
  ['Offender given a drugs possession warning', 'outOfCourt'],
  ['Community resolution', 'outOfCourt'],
  ['Khat or Cannabis warning', 'outOfCourt'],
  ['Under investigation', 'open'],
  ['Unable to prosecute suspect', 'other'],
  ['Formal action is not in the public interest', 'other'],
  ['Further investigation is not in the public interest', 'other'],
  ['Further action is not in the public interest', 'other'],
  ['Action to be taken by another organisation', 'other'],
  ['Status update unavailable', 'other'],
];

const BY_TEXT = new Map(OUTCOME_TABLE.map(([t, c]) => [t.toLowerCase(), c]));

/** The known outcome strings, as police.uk writes them (for tests and documentation). */
export const KNOWN_OUTCOMES: readonly string[] = OUTCOME_TABLE.map(([t]) => t);

/** The category of an outcome string; undefined when it is not one police.uk is known to use. */
export function outcomeCategory(text: string): OutcomeCategory | undefined {
  return BY_TEXT.get(text.trim().toLowerCase());
}

export const OUTCOMES_FORMAT_NAME = 'police.uk outcomes';

/** The outcomes-file columns the join uses (the rest of the header is read past). */
export const OUTCOMES_FILE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'Crime ID', aliases: [], required: true },
  { name: 'Month', aliases: [], required: true },
  { name: 'Outcome type', aliases: [], required: true },
];

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface OutcomesRow {
  id: string;
  month: string;
  outcome: string;
}

/** The checks on one outcomes-file row: field count, Crime ID, month, outcome. The first problem, or the row. */
export function checkOutcomesRow(f: string[], line: number, ix: { id: number; month: number; outcome: number; width: number }, file: string): Problem | OutcomesRow {
  if (f.length !== ix.width) {
    return { message: `expected ${ix.width} fields, found ${f.length}`, file, line, expected: `${ix.width} comma-separated fields, as in the header`, found: `${f.length} fields`, hint: 'the file may be truncated, or a field containing a comma is not in double quotes' };
  }
  const at = (column: number, columnName: string, message: string, expected: string, found: string, hint: string): Problem => ({ message, file, line, column: column + 1, columnName, expected, found, hint });
  const id = f[ix.id]!.trim();
  if (id === '') return at(ix.id, 'Crime ID', 'an outcome has no Crime ID', 'the Crime ID of the crime the outcome is for', '""', 'the file may have been edited; download it again');
  const month = f[ix.month]!.trim();
  if (!MONTH_RE.test(month)) {
    return at(ix.month, 'Month', 'invalid month', 'a month as YYYY-MM, e.g. 2016-04', showFound(month), 'police.uk months are YYYY-MM; a spreadsheet may have rewritten them: download again without opening in Excel');
  }
  const outcome = f[ix.outcome]!.trim();
  if (outcome === '') return at(ix.outcome, 'Outcome type', 'the outcome type is empty', 'an outcome such as "Suspect charged"', '""', 'the file may have been edited; download it again');
  return { id, month, outcome };
}
