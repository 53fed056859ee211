/**
 * The analyst's text folder (src/ingest/analyst-text.ts): files in their places, missing files simply absent,
 * README.md ignored, unknown names a located warning with the closest known name, a file that is not UTF-8 a
 * located input error (line and column of the first bad byte, counted by hand below).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstInvalidUtf8, readAnalystText } from '../../../src/ingest/analyst-text.js';
import { configSchema } from '../../../src/model/config.js';
import { ExitCode, SwpError, type Warning } from '../../../src/model/errors.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const config = configSchema.parse({
  version: 1,
  partnership: { name: 'Test CSP' },
  area: { name: 'Testham', code: 'E08000001' },
  inputs: { population: ['population'] },
  indicators: [{ id: 'reoffending.adult', label: 'Adult reoffending', polarity: 'lower-is-better' }],
  strategicPriorities: [{ id: 'violence-prevention', label: 'Violence Prevention', indicators: ['recorded-crime.violence-and-sexual-offences'] }],
});

/** A workspace folder with the given files (path → content) under text/. */
function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'swp-text-'));
  dirs.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, 'text', rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}

async function read(root: string) {
  const warnings: Warning[] = [];
  const text = await readAnalystText(root, config, { displayBase: root, onWarning: (w) => warnings.push(w) });
  return { text, warnings };
}

describe('readAnalystText', () => {
  it('reads every known file into its place, without a byte-order mark', async () => {
    const root = workspace({
      'introduction.md': '\uFEFFHello *board*',
      'horizon-scan.md': '- Political',
      'recommendations.md': '1. Do this',
      'chapters/violence-prevention.md': 'Violence text',
      'chapters/overview.md': 'Overview text',
      'indicators/reoffending.adult.md': 'Reoffending text',
      'indicators/recorded-crime.burglary.md': 'Burglary text',
      'report/2016-17-Q3.md': 'Q3 text',
      'report/commentary.md': 'Any quarter',
      'README.md': 'notes for the analyst',
      'chapters/README.md': 'notes',
    });
    const { text, warnings } = await read(root);
    expect(warnings).toEqual([]);
    expect(text.introduction).toEqual({ markdown: 'Hello *board*', file: join('text', 'introduction.md') });
    expect(text.horizonScan?.markdown).toBe('- Political');
    expect(text.recommendations?.markdown).toBe('1. Do this');
    expect(Object.keys(text.chapters).sort()).toEqual(['overview', 'violence-prevention']);
    expect(Object.keys(text.indicators).sort()).toEqual(['recorded-crime.burglary', 'reoffending.adult']);
    expect(text.report['2016-17-Q3']?.markdown).toBe('Q3 text');
    expect(text.report.commentary?.file).toBe(join('text', 'report', 'commentary.md'));
  });

  it('leaves missing files absent, and a workspace without text/ reads as empty', async () => {
    const { text, warnings } = await read(workspace({ 'introduction.md': 'Only this' }));
    expect(text.horizonScan).toBeUndefined();
    expect(text.recommendations).toBeUndefined();
    expect(text.chapters).toEqual({});
    const empty = mkdtempSync(join(tmpdir(), 'swp-text-none-'));
    dirs.push(empty);
    const none = await read(empty);
    expect(none.text).toEqual({ chapters: {}, indicators: {}, report: {}, needs: {} });
    expect([...warnings, ...none.warnings]).toEqual([]);
  });

  it('reads the needs assessment\'s introduction and recommendations, and warns about another name there', async () => {
    const { text, warnings } = await read(workspace({ 'needs-assessment/recommendations.md': '1. Fund a navigator', 'needs-assessment/recomendations.md': 'typo' }));
    expect(text.needs?.recommendations?.markdown).toBe('1. Fund a navigator');
    expect(warnings.map((w) => w.hint)).toEqual(['did you mean "recommendations.md"? rename the file']);
  });

  it('warns, with the file and a "did you mean", for a chapter, indicator or top-level name it does not know', async () => {
    const root = workspace({
      'chapters/violence-prevnetion.md': 'typo',
      'indicators/reoffending.adlut.md': 'typo',
      'introduktion.md': 'typo',
      'report/Q3.md': 'no year',
    });
    const { text, warnings } = await read(root);
    expect(text.chapters).toEqual({});
    expect(text.indicators).toEqual({});
    const byFile = new Map(warnings.map((w) => [w.file, w]));
    expect(byFile.get(join('text', 'chapters', 'violence-prevnetion.md'))?.hint).toContain('did you mean "violence-prevention.md"?');
    expect(byFile.get(join('text', 'indicators', 'reoffending.adlut.md'))?.hint).toContain('did you mean "reoffending.adult.md"?');
    expect(byFile.get(join('text', 'introduktion.md'))?.hint).toContain('did you mean "introduction.md"?');
    expect(byFile.get(join('text', 'report', 'Q3.md'))?.message).toContain('a quarter such as 2016-17-Q3');
    expect(warnings).toHaveLength(4);
  });

  it('refuses a file that is not UTF-8, located at the first bad byte', async () => {
    // "Line one\nCaf" then 0xE9 (é in Windows-1252): line 2, column 4.
    const bytes = Buffer.concat([Buffer.from('Line one\nCaf'), Buffer.from([0xe9]), Buffer.from(' society\n')]);
    const root = workspace({ 'horizon-scan.md': bytes, 'introduction.md': 'fine' });
    let caught: unknown;
    try {
      await read(root);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SwpError);
    const err = caught as SwpError;
    expect(err.code).toBe(ExitCode.INPUT);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: join('text', 'horizon-scan.md'), line: 2, column: 4 });
    expect(err.problems[0]!.found).toContain('0xe9');
  });
});

describe('firstInvalidUtf8', () => {
  it('accepts valid UTF-8 of one to four bytes and finds the bad byte of invalid sequences', () => {
    expect(firstInvalidUtf8(Buffer.from('a £ € 😀', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong "NUL"
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0xe2, 0x82]))).toBe(0); // cut short
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
  });
});
