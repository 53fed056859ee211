import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvRows, type CsvReadOptions } from '../../../src/ingest/csv.js';
import { parseNumber } from '../../../src/ingest/values.js';
import { ExitCode, type Warning } from '../../../src/model/errors.js';
import { rejection, tempDir, writeTree } from '../../helpers.js';

async function rows(content: string | Uint8Array, options: CsvReadOptions = {}) {
  const dir = tempDir();
  writeTree(dir, { 'f.csv': content });
  const out: { line: number; fields: string[] }[] = [];
  for await (const r of readCsvRows(join(dir, 'f.csv'), { displayPath: 'f.csv', ...options })) out.push(r);
  return out;
}
const fails = (content: string | Uint8Array, options: CsvReadOptions = {}) => rejection(rows(content, options));

describe('readCsvRows: decoding', () => {
  it('reads UTF-8 with a BOM and CRLF line ends, with line numbers', async () => {
    expect(await rows('\uFEFFa,b\r\n1,"x, y"\r\n\r\n2,z\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x, y'] },
      { line: 4, fields: ['2', 'z'] },
    ]);
  });

  it('reports the end line of a record whose quoted field spans lines', async () => {
    expect(await rows('a,b\n1,"two\nlines"\n2,c\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', 'two\nlines'] },
      { line: 4, fields: ['2', 'c'] },
    ]);
  });

  it('detects Windows-1252 (a £ saved by Excel) and warns once', async () => {
    const warnings: Warning[] = [];
    const bytes = Buffer.concat([Buffer.from('item,cost\nfine,'), Buffer.from([0xa3]), Buffer.from('50\n')]);
    expect(await rows(bytes, { onWarning: (w) => warnings.push(w) })).toEqual([
      { line: 1, fields: ['item', 'cost'] },
      { line: 2, fields: ['fine', '£50'] },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('Windows-1252');
  });

  it('refuses non-UTF-8 bytes when the config declares utf-8', async () => {
    const err = await fails(Buffer.from([0x61, 0x0a, 0xa3, 0x0a]), { encoding: 'utf-8' });
    expect(err.code).toBe(ExitCode.INPUT);
    expect(err.problems[0]).toMatchObject({ message: 'the file is not valid UTF-8', file: 'f.csv' });
  });

  it('keeps a UTF-8 character split across read chunks intact', async () => {
    // 256 KiB chunks: put a 2-byte "£" across the boundary.
    const pad = 'x'.repeat(256 * 1024 - 'a\n'.length - 1);
    const got = await rows(`a\n${pad}£\n`);
    expect(got[1]!.fields[0]!.endsWith('£')).toBe(true);
  });

  it('decodes UTF-16LE with a BOM (Excel "Unicode text")', async () => {
    const text = 'a\tb\r\n1\t£2\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await rows(bytes)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '£2'] },
    ]);
  });

  it('sniffs tab-separated files', async () => {
    expect(await rows('CODE\tAREA\t2018\nE1\tX\t"1,234"\n')).toEqual([
      { line: 1, fields: ['CODE', 'AREA', '2018'] },
      { line: 2, fields: ['E1', 'X', '1,234'] },
    ]);
  });
});

describe('readCsvRows: refusals', () => {
  it('a 0-byte file', async () => {
    const err = await fails('');
    expect(err.problems[0]).toMatchObject({ message: 'the file is empty (0 bytes)', file: 'f.csv' });
  });

  it('a file that does not exist', async () => {
    const err = await rejection((async () => { for await (const _ of readCsvRows('/nonexistent/x.csv', { displayPath: 'x.csv' })) void _; })());
    expect(err.problems[0]).toMatchObject({ message: 'the file does not exist or cannot be read', file: 'x.csv', found: 'ENOENT' });
  });

  it('a NUL byte, with its line', async () => {
    const err = await fails('a,b\n1,2\n3,\u00004\n');
    expect(err.problems[0]).toMatchObject({ message: expect.stringContaining('NUL byte'), line: 3 });
  });

  it('an Excel workbook', async () => {
    const err = await fails(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    expect(err.problems[0]!.message).toContain('spreadsheet workbook');
    expect(err.problems[0]!.hint).toContain('Save As');
  });

  it('an unbalanced quote', async () => {
    const err = await fails('a,b\n1,"oops\n2,3\n');
    expect(err.problems[0]).toMatchObject({ message: 'a quoted field is never closed (unbalanced double quote)', file: 'f.csv' });
  });

  it('a bare quote inside an unquoted field', async () => {
    const err = await fails('a,b\n1,x"y\n');
    expect(err.problems[0]).toMatchObject({ message: 'a double quote appears in the middle of an unquoted field', line: 2 });
  });
});

describe('parseNumber', () => {
  it('reads thousands separators, signs and decimals', () => {
    expect(parseNumber(' 1,234 ')).toEqual({ kind: 'value', value: 1234 });
    expect(parseNumber('1,234,567')).toEqual({ kind: 'value', value: 1234567 });
    expect(parseNumber('-3')).toEqual({ kind: 'value', value: -3 });
    expect(parseNumber('12.5')).toEqual({ kind: 'value', value: 12.5 });
  });
  it('rejects malformed thousands groups and text', () => {
    expect(parseNumber('1,23').kind).toBe('invalid');
    expect(parseNumber('12a').kind).toBe('invalid');
    expect(parseNumber('1e5').kind).toBe('invalid');
  });
  it('reads every official marker as absent, never zero', () => {
    for (const [m, absence] of [['[c]', 'suppressed'], ['*', 'suppressed'], ['..', 'not-available'], ['x', 'not-available'], ['[x]', 'not-available'], ['[z]', 'not-applicable'], ['-', 'not-applicable'], [':', 'not-available'], ['[low]', 'rounds-to-zero']] as const) {
      expect(parseNumber(m)).toEqual({ kind: 'absent', absence, marker: m });
    }
  });
  it('keeps provisional and revised flags', () => {
    expect(parseNumber('1,234 [p]')).toEqual({ kind: 'value', value: 1234, revision: 'provisional' });
    expect(parseNumber('56[r]')).toEqual({ kind: 'value', value: 56, revision: 'revised' });
  });
  it('empty is empty', () => {
    expect(parseNumber('  ')).toEqual({ kind: 'empty' });
  });
});

describe('readCsvRows: line ends', () => {
  it('counts lines right with a quoted CRLF inside a CRLF file', async () => {
    expect(await rows('a,b\r\n1,"x\r\ny"\r\n2,z\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', 'x\ny'] },
      { line: 4, fields: ['2', 'z'] },
    ]);
  });
  it('handles mixed LF and CRLF without keeping a stray \\r', async () => {
    expect(await rows('Title row\na,b\r\n1,2\r\n')).toEqual([
      { line: 1, fields: ['Title row'] },
      { line: 2, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });
  it('sniffs tabs below a title row that has a comma', async () => {
    expect((await rows('Population estimates, mid-2016\nCODE\tAREA\tYEAR\nE1\tX\t2016\n'))[1]).toEqual({ line: 2, fields: ['CODE', 'AREA', 'YEAR'] });
  });
});
