/**
 * Where the CLI's words go: data on stdout, people's messages on stderr, colour only when the stream is a TTY
 * and NO_COLOR is unset (https://no-color.org) and --no-color was not given.
 */
import { formatProblems, SwpError, type Warning } from '../model/errors.js';

export interface Streams {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

export type Style = 'red' | 'yellow' | 'green' | 'bold' | 'dim';
const CODES: Record<Style, [number, number]> = { red: [31, 39], yellow: [33, 39], green: [32, 39], bold: [1, 22], dim: [2, 22] };

/** The CLI's printer. `quiet` silences info lines but never errors or warnings. */
export class Printer {
  readonly warnings: Warning[] = [];
  constructor(
    private readonly io: Streams,
    private readonly settings: { quiet: boolean; color: boolean; debug: boolean },
  ) {}

  /** Whether colour is on for stderr. */
  get color(): boolean {
    // no-color.org: NO_COLOR disables colour when present and not an empty string.
    return this.settings.color && !this.io.env.NO_COLOR && this.io.stderr.isTTY === true;
  }

  style(s: Style, text: string): string {
    if (!this.color) return text;
    const [a, b] = CODES[s];
    return `\u001b[${a}m${text}\u001b[${b}m`;
  }

  /**
   * The live line at the foot of a terminal (a step of a single run, or a batch's bar), or '' when none. Every other
   * line is written above it: the live line is cleared, the line printed, and the live line drawn again, so
   * warnings never land on the bar (issue 15).
   */
  private live = '';

  /** Whether a live line may be drawn: stderr is a terminal and --quiet was not given (never in pipes or CI logs). */
  private get canDrawLive(): boolean {
    return this.io.stderr.isTTY === true && !this.settings.quiet;
  }

  /** Write whole lines above the live line. */
  private above(text: string): void {
    if (this.live) this.io.stderr.write('\r\u001b[K');
    this.io.stderr.write(text);
    if (this.live) this.io.stderr.write(this.live);
  }

  private drawLive(text: string): void {
    if (!this.canDrawLive) return;
    this.live = text;
    this.io.stderr.write(`\r\u001b[K${text}`);
  }

  private clearLive(): void {
    if (this.live) this.io.stderr.write('\r\u001b[K');
    this.live = '';
  }

  /** A line for people (stderr), unless --quiet. */
  info(text: string): void {
    if (!this.settings.quiet) this.above(`${text}\n`);
  }

  /** Data for scripts (stdout). */
  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  warn(w: Warning): void {
    this.warnings.push(w);
    const loc = w.file ? `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ` : '';
    this.above(`${this.style('yellow', 'warning:')} ${loc}${w.message}\n${w.hint !== undefined ? `  hint: ${w.hint}\n` : ''}`);
  }

  debug(text: string): void {
    if (this.settings.debug) this.above(`${this.style('dim', `swp:debug ${text}`)}\n`);
  }

  error(err: SwpError): void {
    this.clearLive();
    const block = formatProblems(err)
      .split('\n')
      .map((l) => (l.startsWith('error:') ? `${this.style('red', 'error:')}${l.slice(6)}` : l))
      .join('\n');
    this.io.stderr.write(`${block}\n`);
  }

  /**
   * The step a single run is at ("reading inputs", "printing the PDF"), as one line redrawn in place on a terminal;
   * `undefined` clears it. Nothing is written when stderr is not a terminal or under --quiet.
   */
  step(text: string | undefined): void {
    if (text === undefined) this.clearLive();
    else this.drawLive(this.style('dim', `swp: ${text}…`));
  }

  /**
   * A progress bar for batch runs, redrawn in place on a terminal, silent otherwise and under --quiet. Warnings
   * printed meanwhile go above it.
   */
  progress(total: number): { tick(label: string): void; done(): void } {
    let n = 0;
    return {
      tick: (label) => {
        n++;
        const width = 24;
        const filled = Math.round((n / total) * width);
        this.drawLive(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total} ${label.slice(0, 40)}`);
      },
      done: () => {
        // The bar stays on screen as the batch's last word on progress; the summary line follows it.
        if (this.live) this.io.stderr.write('\n');
        this.live = '';
      },
    };
  }

  raw(text: string): void {
    this.clearLive();
    this.io.stderr.write(text);
  }
}
