/** The action plan and the exceptions' actions (src/ingest/formats/partnership-actions.ts): read by header, located problems. */
import { describe, expect, it } from 'vitest';
import { readActionPlan, readExceptionActions } from '../../../../src/ingest/formats/partnership-actions.js';
import { inputError, oneProblem, tempDir } from './helpers.js';

const write = tempDir();

describe('readActionPlan', () => {
  it('reads the columns by header in any order, with an empty owner kept as empty', async () => {
    const path = write('plan.csv', 'Owner,Measure,Priority,Action\nMidshire Police,Fewer robberies,violence,"Patrols, town centre"\n,,asb,Problem-solving in two more wards\n');
    const { rows, summary } = await readActionPlan(path, { displayPath: 'plan.csv' });
    expect(rows).toEqual([
      { priority: 'violence', action: 'Patrols, town centre', owner: 'Midshire Police', measure: 'Fewer robberies', source: { file: 'plan.csv', line: 2 } },
      { priority: 'asb', action: 'Problem-solving in two more wards', owner: '', measure: '', source: { file: 'plan.csv', line: 3 } },
    ]);
    expect(summary).toEqual({ file: 'plan.csv', kind: 'action-plan', rows: 2, note: '1 with an owner' });
  });

  it('locates an empty action (line and column) and a missing column', async () => {
    const empty = write('empty-action.csv', 'priority,action,owner,measure\nviolence,,Police,Fewer\n');
    expect(await oneProblem(readActionPlan(empty, { displayPath: 'empty-action.csv' }))).toMatchObject({ file: 'empty-action.csv', line: 2, column: 2, columnName: 'action' });
    const noMeasure = write('no-measure.csv', 'priority,action,owner\nviolence,Patrols,Police\n');
    const err = await inputError(readActionPlan(noMeasure));
    expect(err.problems[0]!.line).toBe(1);
    expect(JSON.stringify(err.problems[0])).toContain('measure');
  });
});

describe('readExceptionActions', () => {
  it('reads one row per indicator', async () => {
    const path = write('exceptions.csv', 'indicator,owner,action,decision\nrecorded-crime.burglary,Police,Target hardening,Fund 200 door locks\n');
    const { rows } = await readExceptionActions(path, { displayPath: 'exceptions.csv' });
    expect(rows).toEqual([{ indicator: 'recorded-crime.burglary', owner: 'Police', action: 'Target hardening', decision: 'Fund 200 door locks', source: { file: 'exceptions.csv', line: 2 } }]);
  });

  it('locates a label given for an id, a repeated indicator and a row that says nothing', async () => {
    const label = write('label.csv', 'indicator,owner,action,decision\nBurglary offences,Police,Patrols,Note\n');
    expect(await oneProblem(readExceptionActions(label))).toMatchObject({ line: 2, column: 1, message: 'the indicator is not an indicator id' });
    const twice = write('twice.csv', 'indicator,owner,action,decision\nanti-social-behaviour,A,x,y\nanti-social-behaviour,B,x,y\n');
    expect(await oneProblem(readExceptionActions(twice))).toMatchObject({ line: 3, message: 'the indicator is given twice (first on line 2)' });
    const nothing = write('nothing.csv', 'indicator,owner,action,decision\nanti-social-behaviour,Council,,\n');
    expect(await oneProblem(readExceptionActions(nothing))).toMatchObject({ line: 2, columnName: 'action', message: 'the row has neither an action nor a decision' });
  });
});
