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

  /** A line for people (stderr), unless --quiet. */
  info(text: string): void {
    if (!this.settings.quiet) this.io.stderr.write(`${text}\n`);
  }

  /** Data for scripts (stdout). */
  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  warn(w: Warning): void {
    this.warnings.push(w);
    const loc = w.file ? `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ` : '';
    this.io.stderr.write(`${this.style('yellow', 'warning:')} ${loc}${w.message}\n`);
    if (w.hint !== undefined) this.io.stderr.write(`  hint: ${w.hint}\n`);
  }

  debug(text: string): void {
    if (this.settings.debug) this.io.stderr.write(`${this.style('dim', `swp:debug ${text}`)}\n`);
  }

  error(err: SwpError): void {
    const block = formatProblems(err)
      .split('\n')
      .map((l) => (l.startsWith('error:') ? `${this.style('red', 'error:')}${l.slice(6)}` : l))
      .join('\n');
    this.io.stderr.write(`${block}\n`);
  }

  /**
   * A progress line for batch runs: redrawn in place on a TTY, silent otherwise (no progress bars in pipelines or
   * CI logs) and under --quiet.
   */
  progress(total: number): { tick(label: string): void; done(): void } {
    const live = this.io.stderr.isTTY === true && !this.settings.quiet;
    let n = 0;
    return {
      tick: (label) => {
        n++;
        if (!live) return;
        const width = 24;
        const filled = Math.round((n / total) * width);
        this.io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total} ${label.slice(0, 40).padEnd(40)}`);
      },
      done: () => {
        if (live) this.io.stderr.write('\n');
      },
    };
  }

  raw(text: string): void {
    this.io.stderr.write(text);
  }
}
