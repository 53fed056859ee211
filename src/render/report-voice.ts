/**
 * The analyst's voice in the quarterly report: the commentary (text/report/<quarter>.md, else
 * text/report/commentary.md), and for each exception who owns it, what is being done and what the board is asked
 * to decide (workspace exceptions.csv, keyed by indicator id; "to be agreed" where the file says nothing), gathered
 * on page 1 as the decisions needed.
 */
import type { AnalystText, ExceptionActionRow } from '../ingest/workspace.js';
import { analystHtml } from './analyst-text.js';
import { TO_BE_AGREED } from './assessment-voice.js';

/** The file name of a quarter's commentary: "2016/17-Q3" → "2016-17-Q3". */
export function quarterFileName(quarter: string): string {
  return quarter.replace('/', '-');
}

/** The quarter's commentary as safe HTML, if the analyst wrote one. */
export function reportCommentary(text: AnalystText | undefined, quarter: string): string | undefined {
  return analystHtml(text?.report[quarterFileName(quarter)] ?? text?.report.commentary);
}

/** Owner, action and decision of an exception, in words. */
export function exceptionVoice(rows: ExceptionActionRow[] | undefined, indicator: string): { owner: string; action: string; decision: string; agreed: boolean } {
  const r = rows?.find((x) => x.indicator === indicator);
  return {
    owner: r?.owner || TO_BE_AGREED,
    action: r?.action || `${TO_BE_AGREED}: the owner reports what is being done at the next board`,
    decision: r?.decision || `${TO_BE_AGREED}: whether the board needs to act`,
    agreed: !!r?.decision,
  };
}

/** Page 1's "Decisions needed": one line per exception. */
export function decisionsNeeded(exceptions: { label: string; decision: string }[]): { label: string; decision: string }[] {
  return exceptions.map((e) => ({ label: e.label, decision: e.decision }));
}
