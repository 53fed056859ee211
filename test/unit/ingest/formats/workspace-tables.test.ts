import { describe, expect, it } from 'vitest';
import {
  CONSULTATION_COLUMNS,
  PLAN_REVIEW_COLUMNS,
  PLAN_REVIEW_FORMAT_NAME,
  SCORES_COLUMNS,
  readConsultation,
  readPlanReview,
  readScores,
} from '../../../../src/ingest/formats/workspace-tables.js';
import type { Warning } from '../../../../src/model/errors.js';
import { fixture, inputError, oneProblem, tempDir } from './helpers.js';

const write = tempDir();

describe('readPlanReview', () => {
  const HEADER = 'action,owner,priority,status,note';

  it('reads the Windows-1252 CRLF fixture, normalising status spellings, with a £ in a note', async () => {
    const warnings: Warning[] = [];
    const { rows, summary } = await readPlanReview(fixture('workspace-tables', 'plan-review.csv'), {
      displayPath: 'plan-review.csv',
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings.map((w) => w.message)).toEqual(['not valid UTF-8: read as Windows-1252 (Excel\'s usual "CSV" encoding)']);
    expect(rows[0]).toEqual({
      action: 'Extend Safer Streets lighting to Whitmore Reans',
      owner: 'Castlebridge Council',
      priority: 'neighbourhood-crime',
      status: 'complete',
      source: { file: 'plan-review.csv', line: 2 },
    });
    expect(rows[1]).toMatchObject({ status: 'on-track', owner: 'ICB safeguarding lead', note: 'Training 40 of 52 practices, £12,000 spent' });
    expect(rows[2]).toMatchObject({ status: 'delayed', note: 'Contract re-tendered' });
    expect(rows[3]).toMatchObject({ action: 'Youth diversion scheme evaluation', status: 'not-started', source: { line: 5 } });
    expect(rows[3]!.note).toBeUndefined();
    expect(summary).toEqual({ file: 'plan-review.csv', kind: 'plan-review', rows: 4, note: '1 complete, 1 on-track, 1 delayed, 1 not-started' });
    expect(PLAN_REVIEW_FORMAT_NAME).toBe('plan review');
    expect(PLAN_REVIEW_COLUMNS.filter((c) => c.required).map((c) => c.name)).toEqual(['action', 'owner', 'priority', 'status']);
  });

  it('rejects a status that is not allowed, listing the allowed values', async () => {
    const path = write('plan-status.csv', `${HEADER}\nLighting,Council,asb,done,\n`);
    const p = await oneProblem(readPlanReview(path, { displayPath: 'plan-status.csv' }));
    expect(p).toEqual({
      message: 'the status is not one of the allowed values',
      file: 'plan-status.csv',
      line: 2,
      column: 4,
      columnName: 'status',
      expected: 'one of complete, on-track, delayed, not-started',
      found: '"done"',
      hint: 'write one of complete | on-track | delayed | not-started (e.g. "on-track" for an action that is going to plan)',
    });
  });

  it('rejects an empty status and an empty action', async () => {
    const path = write('plan-empty.csv', `${HEADER}\nLighting,Council,asb,,\n  ,Council,asb,complete,\n`);
    const err = await inputError(readPlanReview(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 4, 'status', '""', 'the status is empty'],
      [3, 1, 'action', '"  "', 'an action is empty'],
    ]);
  });

  it('rejects a short row', async () => {
    const path = write('plan-short.csv', `${HEADER}\nLighting,Council\n`);
    expect(await oneProblem(readPlanReview(path))).toMatchObject({ message: 'expected 5 fields, found 2', line: 2, column: 3, columnName: 'priority', found: '2 fields, the last "Council"' });
  });

  it('rejects a header-only file', async () => {
    const path = write('plan-header.csv', `${HEADER}\r\n`);
    expect(await oneProblem(readPlanReview(path))).toMatchObject({ message: 'no data rows: the file has a header but nothing below it', line: 1, file: path });
  });

  it('rejects a consultation file given as the plan review', async () => {
    const path = write('plan-wrong.csv', 'topic,percent_concerned,respondents,source\nASB,50,100,Survey\n');
    expect(await oneProblem(readPlanReview(path))).toMatchObject({
      message: 'the header does not match the plan review format: missing columns "action", "owner", "priority", "status"',
      line: 1,
      expected: 'action,owner,priority,status',
    });
  });
});

describe('readConsultation', () => {
  const HEADER = 'topic,percent_concerned,respondents,source';

  it('reads the fixture (BOM, thousands, a % sign, 0 and 100, an empty source)', async () => {
    const { rows, summary } = await readConsultation(fixture('workspace-tables', 'consultation.csv'));
    expect(rows.map((r) => [r.topic, r.percentConcerned, r.respondents, r.citation, r.source.line])).toEqual([
      ['Anti-social behaviour', 62.5, 1204, 'Castlebridge Residents Survey 2023', 2],
      ['Drug dealing', 48, 1198, 'Castlebridge Residents Survey 2023', 3],
      ['Knife crime', 0, 310, 'Youth Forum poll', 4],
      ['Fraud and scams', 100, 12, '', 5],
    ]);
    expect(summary).toMatchObject({ kind: 'consultation', rows: 4 });
    expect(CONSULTATION_COLUMNS.map((c) => c.name)).toEqual(['topic', 'percent_concerned', 'respondents', 'source']);
  });

  it('rejects a percentage above 100 or below 0', async () => {
    const path = write('c-range.csv', `${HEADER}\nASB,120,100,Survey\nDrugs,-1,100,Survey\n`);
    const err = await inputError(readConsultation(path, { displayPath: 'c-range.csv' }));
    expect(err.problems.map((p) => [p.file, p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      ['c-range.csv', 2, 2, 'percent_concerned', '"120"', 'the percentage concerned is out of range (0 to 100)'],
      ['c-range.csv', 3, 2, 'percent_concerned', '"-1"', 'the percentage concerned is out of range (0 to 100)'],
    ]);
    expect(err.problems[0]!.expected).toBe('a percentage from 0 to 100, e.g. 42 or 42.5');
  });

  it('rejects a percentage that is text or empty', async () => {
    const path = write('c-text.csv', `${HEADER}\nASB,high,100,Survey\nDrugs,,100,Survey\n`);
    const err = await inputError(readConsultation(path));
    expect(err.problems.map((p) => [p.line, p.column, p.found, p.message])).toEqual([
      [2, 2, '"high"', 'the percentage concerned is not a number'],
      [3, 2, '""', 'the percentage concerned is empty'],
    ]);
  });

  it('rejects respondents that are not a whole number of 1 or more', async () => {
    const path = write('c-resp.csv', `${HEADER}\nASB,50,12.5,Survey\nDrugs,50,0,Survey\nFraud,50,[c],Survey\nKnives,50,-3,Survey\n`);
    const err = await inputError(readConsultation(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 3, 'respondents', '"12.5"', 'the number of respondents must be a whole number'],
      [3, 3, 'respondents', '"0"', 'the number of respondents is 0'],
      [4, 3, 'respondents', '"[c]"', 'the number of respondents is marked as not published'],
      [5, 3, 'respondents', '"-3"', 'the number of respondents cannot be negative'],
    ]);
  });

  it('rejects an empty topic', async () => {
    const path = write('c-topic.csv', `${HEADER}\n,50,100,Survey\n`);
    expect(await oneProblem(readConsultation(path))).toMatchObject({ line: 2, column: 1, columnName: 'topic', message: 'a topic is empty', found: '""' });
  });

  it('rejects an unquoted comma and a header without respondents', async () => {
    const comma = write('c-comma.csv', `${HEADER}\nDrugs, alcohol,50,100,Survey\n`);
    expect(await oneProblem(readConsultation(comma))).toMatchObject({ message: 'expected 4 fields, found 5', line: 2, column: 5, found: '5 fields; field 5 is "Survey"' });
    const wrong = write('c-head.csv', 'topic,percent_concerned,source\nASB,50,Survey\n');
    expect(await oneProblem(readConsultation(wrong))).toMatchObject({ message: 'the header does not match the consultation format: missing column "respondents"', line: 1 });
  });
});

describe('readScores', () => {
  const HEADER = 'candidate,criterion,score,source';

  it('reads the CRLF fixture: decimal scores, criterion spellings, quoted sources', async () => {
    const { rows, summary } = await readScores(fixture('workspace-tables', 'scores.csv'), { displayPath: 'scores.csv' });
    expect(rows).toEqual([
      { candidate: 'serious-violence', criterion: 'public-concern', score: 4, citation: 'CSP workshop 2024-01-15', source: { file: 'scores.csv', line: 2 } },
      { candidate: 'serious-violence', criterion: 'vulnerability', score: 4.5, citation: 'CSP workshop 2024-01-15', source: { file: 'scores.csv', line: 3 } },
      { candidate: 'domestic-abuse', criterion: 'capacity-to-influence', score: 3, citation: 'CSP workshop 2024-01-15', source: { file: 'scores.csv', line: 4 } },
      { candidate: 'domestic-abuse', criterion: 'vulnerability', score: 5, citation: 'Panel average (DA board, 3 scorers)', source: { file: 'scores.csv', line: 5 } },
    ]);
    expect(summary).toEqual({ file: 'scores.csv', kind: 'scores', rows: 4, note: '2 candidates' });
    expect(SCORES_COLUMNS.every((c) => c.required)).toBe(true);
  });

  it('rejects a criterion that is not people-sourced, listing the allowed ones', async () => {
    const path = write('s-crit.csv', `${HEADER}\nserious-violence,harm,4,Workshop\n`);
    expect(await oneProblem(readScores(path, { displayPath: 's-crit.csv' }))).toEqual({
      message: 'the criterion is not one scored by people',
      file: 's-crit.csv',
      line: 2,
      column: 2,
      columnName: 'criterion',
      expected: 'one of public-concern, vulnerability, capacity-to-influence',
      found: '"harm"',
      hint: 'volume, trend, national-comparison and harm come from the data and are not scored in this file',
    });
  });

  it('rejects scores outside 1–5 and text scores', async () => {
    const path = write('s-score.csv', `${HEADER}\na,vulnerability,0,W\nb,vulnerability,5.5,W\nc,vulnerability,four,W\n`);
    const err = await inputError(readScores(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 3, 'score', '"0"', 'the score is out of range (1 to 5)'],
      [3, 3, 'score', '"5.5"', 'the score is out of range (1 to 5)'],
      [4, 3, 'score', '"four"', 'the score is not a number'],
    ]);
    expect(err.problems[0]!.expected).toBe('a score from 1 to 5 (decimals allowed, e.g. 3.5)');
  });

  it('rejects an empty source', async () => {
    const path = write('s-source.csv', `${HEADER}\nserious-violence,vulnerability,4,   \n`);
    expect(await oneProblem(readScores(path))).toMatchObject({ line: 2, column: 4, columnName: 'source', message: 'a source is empty', found: '"   "' });
  });

  it('rejects a candidate label instead of its id, suggesting the id', async () => {
    const path = write('s-cand.csv', `${HEADER}\nSerious Violence,vulnerability,4,Workshop\n`);
    expect(await oneProblem(readScores(path))).toMatchObject({
      line: 2,
      column: 1,
      columnName: 'candidate',
      found: '"Serious Violence"',
      message: 'the candidate is not a candidate id',
      hint: 'did you mean "serious-violence"? use the candidate\'s id, not its label',
    });
  });

  it('rejects a header-only file and a short row', async () => {
    const headerOnly = write('s-header.csv', `${HEADER}\n`);
    expect(await oneProblem(readScores(headerOnly))).toMatchObject({ message: 'no data rows: the file has a header but nothing below it', line: 1 });
    const short = write('s-short.csv', `${HEADER}\nserious-violence,vulnerability,4\n`);
    expect(await oneProblem(readScores(short))).toMatchObject({ message: 'expected 4 fields, found 3', line: 2, column: 4, columnName: 'source' });
  });
});
