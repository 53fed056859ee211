/** Labels used inside sentences keep the capitals of names (findings and the assessment's recommendations). */
import { describe, expect, it } from 'vitest';
import { lowerFirst } from '../../../src/analysis/findings.js';

describe('lowerFirst', () => {
  it('lower-cases only the first letter, so that names keep their capitals', () => {
    expect(lowerFirst('Compared with England and Wales')).toBe('compared with England and Wales');
    expect(lowerFirst('Public concern')).toBe('public concern');
    expect(lowerFirst('Crime in Castlebridge town centre')).toBe('crime in Castlebridge town centre');
  });

  it('leaves a label that starts with an acronym, or with no letter, as it is', () => {
    expect(lowerFirst('ASB hot spots')).toBe('ASB hot spots');
    expect(lowerFirst('')).toBe('');
    expect(lowerFirst('10-17 population')).toBe('10-17 population');
  });
});
