/**
 * Rows of the exceptions file the report does not show: each a warning naming the file, the line and the indicator,
 * with the likely reason (on track this quarter, or a misspelt id with "did you mean"). Hand-made report and rows.
 */
import { describe, expect, it } from 'vitest';
import { exceptionRowWarnings } from '../../../src/analysis/exception-rows.js';
import type { ExceptionActionRow } from '../../../src/ingest/workspace.js';

const cell = { count: 1, value: 1, status: 'ok' as const };
const report = (ids: string[], exceptions: string[]) => ({
  quarter: '2016/17-Q4',
  rows: ids.map((id) => ({ id, quarter: cell, yearToDate: cell, lastYearQuarter: cell, lastYearToDate: cell })),
  exceptions: exceptions.map((id) => ({ id, reason: 'a special-cause concern' })),
});
const row = (indicator: string, line: number): ExceptionActionRow => ({ indicator, owner: 'Lead', action: 'Act', decision: 'Decide', source: { file: 'workspace/exceptions.csv', line } });
const IDS = ['recorded-crime.all', 'recorded-crime.burglary', 'recorded-crime.robbery', 'recorded-crime.violence-and-sexual-offences', 'anti-social-behaviour'];

describe('the exceptions file against the quarter’s exceptions', () => {
  it('says nothing when every row is an exception', () => {
    expect(exceptionRowWarnings(report(IDS, ['recorded-crime.all', 'anti-social-behaviour']), [row('recorded-crime.all', 2), row('anti-social-behaviour', 3)])).toEqual([]);
    expect(exceptionRowWarnings(report(IDS, ['recorded-crime.all']), undefined)).toEqual([]);
  });

  it('warns of a row for an indicator on the report that is not an exception: file, line, indicator, on track', () => {
    const [w, ...more] = exceptionRowWarnings(report(IDS, ['recorded-crime.all']), [row('recorded-crime.all', 2), row('recorded-crime.burglary', 3)]);
    expect(more).toEqual([]);
    expect(w).toMatchObject({ file: 'workspace/exceptions.csv', line: 3 });
    expect(w!.message).toBe('indicator "recorded-crime.burglary" is not an exception in 2016/17 Q4: its row in the exceptions file is not shown');
    expect(w!.hint).toBe('it is on track this quarter (no special-cause concern and no significant deterioration), so the row can wait until it is an exception');
  });

  it('names the exceptions still without a row, and suggests one that is a typo away', () => {
    const ids = [...IDS, 'hidden.hate-crime', 'hidden.hate-crimes'];
    const [w] = exceptionRowWarnings(report(ids, ['recorded-crime.robbery', 'hidden.hate-crimes']), [row('hidden.hate-crime', 2)]);
    expect(w!.hint).toContain('or, if the row is for another indicator, did you mean "hidden.hate-crimes"?');
    const [v] = exceptionRowWarnings(report(IDS, ['recorded-crime.robbery']), [row('recorded-crime.burglary', 2)]);
    expect(v!.hint).toContain("this quarter's exceptions without a row are recorded-crime.robbery");
  });

  it('warns of an id that is not on the report, with "did you mean" for a typo and the report’s ids otherwise', () => {
    const [typo, unknown] = exceptionRowWarnings(report(IDS, ['recorded-crime.all']), [row('recorded-crime.violence-and-sexual-offence', 4), row('recorded-crime.shoplifting', 5)]);
    expect(typo).toMatchObject({ file: 'workspace/exceptions.csv', line: 4, message: 'indicator "recorded-crime.violence-and-sexual-offence" in the exceptions file is not on the board report: its row is ignored', hint: 'did you mean "recorded-crime.violence-and-sexual-offences"?' });
    // Not "recorded-crime.all": the shared prefix is not a likeness.
    expect(unknown!.line).toBe(5);
    expect(unknown!.hint).toBe(`the report covers all recorded crime, anti-social behaviour and the indicators of the strategic priorities (${IDS.slice(0, -1).join(', ')} and anti-social-behaviour): use one of their ids, or remove the row`);
  });
});
