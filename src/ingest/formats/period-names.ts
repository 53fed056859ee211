/**
 * Period names as the Ministry of Justice and the Youth Justice Board print them in table headings and cohort
 * columns, turned into first and last days. Used only to suggest the ISO dates when such a name is pasted into a
 * measures CSV date column: no reader takes these names as periods, because the MoJ and YJB local tables' own
 * layouts could not be confirmed (test/fixtures/real/SOURCES.md).
 *
 * Spellings seen in real use (YJB "Youth justice statistics" supplementary tables, chapter 9, column headings as
 * read by a public analysis): "Apr 2009-Mar 2010" (a 12-month cohort) and "Apr - Jun 2019" (a quarter); the MoJ
 * bulletins name cohorts "April 2013 to March 2014" and "Jan 2019 to Mar 2019".
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function month(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? undefined : i + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** "Apr 2019 to Mar 2020", "Apr 2009-Mar 2010", "Apr - Jun 2019", "April 2013 to March 2014" as first and last day. */
export function periodNameDays(raw: string): { start: string; end: string } | undefined {
  const t = raw.trim().replace(/\s+/g, ' ');
  const m = /^([A-Za-z]{3,9}) ?(\d{4})? ?(?:to|-|–) ?([A-Za-z]{3,9}) (\d{4})$/.exec(t);
  if (!m) return undefined;
  const from = month(m[1]!);
  const to = month(m[3]!);
  if (from === undefined || to === undefined) return undefined;
  const endYear = Number(m[4]);
  // "Apr - Jun 2019" names the year once; a start month after the end month is in the year before.
  const startYear = m[2] ? Number(m[2]) : from <= to ? endYear : endYear - 1;
  if (startYear > endYear || (startYear === endYear && from > to)) return undefined;
  return { start: `${startYear}-${pad(from)}-01`, end: `${endYear}-${pad(to)}-${pad(lastDay(endYear, to))}` };
}
