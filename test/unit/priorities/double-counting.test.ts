/** Candidate themes are scored on their indicators without double counting: each indicator in one candidate. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scorePriorities } from '../../../src/priorities/index.js';
import { loadConfig } from '../../../src/ingest/config.js';
import { rejection, ROOT, tempDir } from '../../helpers.js';

const criteria = [{ id: 'volume' as const, weight: 1 }];

describe('an indicator in two candidates', () => {
  it('is refused by the scoring, naming the indicator and both candidates', () => {
    const candidates = [
      { id: 'victimisation', label: 'Reducing Victimisation', indicators: ['hidden.domestic-abuse', 'recorded-crime.burglary'] },
      { id: 'burglary', label: 'Burglary', indicators: ['recorded-crime.burglary'] },
    ];
    expect(() => scorePriorities([], { priorities: { candidates, criteria } }, [])).toThrow(/"recorded-crime.burglary" is in candidates "victimisation" and "burglary"/);
  });

  it('is a config problem with its line', async () => {
    const dir = tempDir();
    const file = join(dir, 'swp.config.yaml');
    // The demo's config, with burglary (already in Reducing Victimisation) added to the Drugs candidate.
    const demo = readFileSync(join(ROOT, 'data/demo/swp.config.yaml'), 'utf8');
    const twice = demo.replace('indicators: [recorded-crime.drugs] }', 'indicators: [recorded-crime.drugs, recorded-crime.burglary] }');
    expect(twice).not.toBe(demo);
    writeFileSync(file, twice);
    const e = await rejection(loadConfig(file, dir));
    const problems = (e as unknown as { problems: { line: number; keyPath: string; message: string }[] }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.keyPath).toBe('priorities.candidates[5].indicators[1]');
    expect(problems[0]!.message).toBe('indicator "recorded-crime.burglary" is in candidates "victimisation" and "drugs": it would be counted twice');
    // The line of the Drugs candidate in the file.
    expect(problems[0]!.line).toBe(twice.split('\n').findIndex((l) => l.includes('id: drugs')) + 1);
  });
});
