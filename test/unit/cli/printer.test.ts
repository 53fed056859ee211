/**
 * The printer's live line (a single run's step, a batch's bar) on a terminal: other lines go above it, never onto
 * it; nothing live is written to a pipe or under --quiet (issue 15).
 */
import { describe, expect, it } from 'vitest';
import { Printer } from '../../../src/cli/io.js';

/** A stderr that records writes, as a terminal or a pipe. */
function terminal(isTTY: boolean) {
  const writes: string[] = [];
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => writes.push(s), isTTY }, env: {}, cwd: '/' };
  return { writes, io };
}

/** What a terminal shows: `\r` returns to the line start, ESC[K clears the rest of the line. */
function screen(writes: string[]): string[] {
  const lines = [''];
  for (const ch of writes.join('').replace(/\r\u001b\[K/g, '\u0000')) {
    if (ch === '\u0000') lines[lines.length - 1] = '';
    else if (ch === '\n') lines.push('');
    else lines[lines.length - 1] += ch;
  }
  return lines;
}

describe('Printer: the live line', () => {
  it('prints a warning above the batch bar and draws the bar again under it', () => {
    const { writes, io } = terminal(true);
    const p = new Printer(io, { quiet: false, color: false, debug: false });
    const bar = p.progress(7);
    bar.tick('Brackenford');
    p.warn({ message: 'Brackenford skipped: no police.uk rows' });
    bar.tick('Castlebridge');
    bar.done();
    p.info('1 area written in out, 1 skipped (see the warnings above)');
    expect(screen(writes)).toEqual([
      'warning: Brackenford skipped: no police.uk rows',
      '[#######.................] 2/7 Castlebridge',
      '1 area written in out, 1 skipped (see the warnings above)',
      '',
    ]);
  });

  it('shows the step of a single run in place and clears it, the wrote lines above it', () => {
    const { writes, io } = terminal(true);
    const p = new Printer(io, { quiet: false, color: false, debug: false });
    p.step('reading the inputs');
    p.step('printing assessment-2016-17.pdf');
    p.info('wrote out/assessment-2016-17.pdf');
    expect(screen(writes)).toEqual(['wrote out/assessment-2016-17.pdf', 'swp: printing assessment-2016-17.pdf…']);
    p.step(undefined);
    expect(screen(writes)).toEqual(['wrote out/assessment-2016-17.pdf', '']);
  });

  it('writes no live line to a pipe, or under --quiet', () => {
    for (const [tty, quiet] of [[false, false], [true, true]] as const) {
      const { writes, io } = terminal(tty);
      const p = new Printer(io, { quiet, color: false, debug: false });
      p.step('analysing');
      const bar = p.progress(2);
      bar.tick('A');
      p.warn({ message: 'w' });
      bar.done();
      p.step(undefined);
      expect(writes.join('')).toBe('warning: w\n');
    }
  });
});
