import { describe, expect, it } from 'vitest';
import { shownPath } from '../../../src/files/paths.js';

describe('shownPath', () => {
  it('shows a path inside the working directory relative to it, as typed', () => {
    expect(shownPath('/home/a/csp', '/home/a/csp/out/assessment-2016-17.pdf')).toBe('out/assessment-2016-17.pdf');
  });
  it('shows a path outside it absolute, never with ../ climbing out', () => {
    expect(shownPath('/home/a/csp', '/tmp/run/out/x.pdf')).toBe('/tmp/run/out/x.pdf');
    expect(shownPath('/home/a/csp', '/home/a/other/x.pdf')).toBe('/home/a/other/x.pdf');
  });
  it('shows the working directory itself as its full path, never as an empty string', () => {
    expect(shownPath('/home/a/csp', '/home/a/csp')).toBe('/home/a/csp');
  });
  it('keeps a file whose name starts with two dots inside the folder relative', () => {
    expect(shownPath('/w', '/w/..hidden.csv')).toBe('..hidden.csv');
  });
});
