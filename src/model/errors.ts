/**
 * The one error model of swp.
 *
 * Every failure a user can cause (bad CSV, bad config, bad flag, missing browser) is an `SwpError` carrying one or
 * more located `Problem`s and an exit code. Anything else that escapes is a bug in swp and exits with
 * `ExitCode.INTERNAL` and a stack trace. Modelled on marp-cli's CLIError + CLIErrorCode.
 */

/** Documented exit codes (README "Exit codes"). */
export const ExitCode = {
  OK: 0,
  /** A bug in swp: please report it with the --debug output. */
  INTERNAL: 1,
  /** Bad command line: unknown flag, bad --quarter, missing argument. */
  USAGE: 2,
  /** An input data file is missing, unreadable or invalid. */
  INPUT: 3,
  /** swp.config.yaml is missing or invalid. */
  CONFIG: 4,
  /** No browser found, the browser failed, or a template failed to render. */
  RENDER: 5,
  /** --fail-on-warnings was given and warnings were raised. */
  WARNINGS: 6,
  /** The output folder or a file in it cannot be written: not a folder, no permission, disk full, read-only. */
  OUTPUT: 7,
  /** Interrupted by Ctrl-C (SIGINT) or SIGTERM; temporary files were removed. */
  INTERRUPTED: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Where a problem is and what was wrong: every field a user needs to fix it without reading code. */
export interface Problem {
  /** One line: what is wrong, in plain words. */
  message: string;
  /** Path of the file, as the user gave it (relative to the working directory where possible). */
  file?: string;
  /** 1-based physical line in the file (the header is line 1). */
  line?: number;
  /** 1-based column (field) number. */
  column?: number;
  /** The column's header name, shown beside its number. */
  columnName?: string;
  /** Config key path, e.g. `priorities.criteria[2].weight`. */
  keyPath?: string;
  /** What a valid value looks like. */
  expected?: string;
  /** What was found (already shortened for display). */
  found?: string;
  /** How to fix it. */
  hint?: string;
}

/** A user-caused failure with its exit code and one or more located problems. */
export class SwpError extends Error {
  readonly code: ExitCodeValue;
  readonly problems: Problem[];
  /** How many further problems were not kept (collection stops at a limit). */
  readonly omitted: number;

  constructor(code: ExitCodeValue, problems: Problem | Problem[], options?: { cause?: unknown; omitted?: number }) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list[0]?.message ?? 'error', options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwpError';
    this.code = code;
    this.problems = list;
    this.omitted = options?.omitted ?? 0;
  }
}

/** Throw an SwpError; typed `never` so control-flow analysis knows the branch ends. */
export function fail(code: ExitCodeValue, problem: Problem | Problem[]): never {
  throw new SwpError(code, problem);
}

/** Shorten a found value for display: control characters made visible, long values cut. */
export function showFound(value: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const visible = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const cut = visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
  return `"${cut}"`;
}

/** Format a problem's location as `file:line:column (name)` or `file (key.path)`. */
function formatLocation(p: Problem): string {
  let loc = p.file ?? '';
  if (p.line !== undefined) loc += `:${p.line}`;
  if (p.column !== undefined) loc += `:${p.column}`;
  const extra: string[] = [];
  if (p.columnName !== undefined) extra.push(`column "${p.columnName}"`);
  if (p.keyPath !== undefined) extra.push(`key ${p.keyPath}`);
  if (extra.length > 0) loc += loc ? ` (${extra.join(', ')})` : extra.join(', ');
  return loc;
}

/** Render problems as the readable block printed on stderr. No stack: that is for --debug. */
export function formatProblems(err: SwpError): string {
  const lines: string[] = [];
  for (const p of err.problems) {
    const loc = formatLocation(p);
    lines.push(`error: ${loc ? `${loc}: ` : ''}${p.message}`);
    if (p.expected !== undefined) lines.push(`  expected: ${p.expected}`);
    if (p.found !== undefined) lines.push(`  found:    ${p.found}`);
    if (p.hint !== undefined) lines.push(`  hint:     ${p.hint}`);
  }
  if (err.omitted > 0) lines.push(`… and ${err.omitted} more problem${err.omitted === 1 ? '' : 's'} of the same kind not shown.`);
  return lines.join('\n');
}

/**
 * Collects problems (e.g. bad rows in a CSV) up to a limit, so a user sees many at once rather than fixing them one
 * run at a time; the count of the rest is kept.
 */
export class ProblemCollector {
  readonly problems: Problem[] = [];
  omitted = 0;
  constructor(readonly limit = 20) {}

  add(p: Problem): void {
    if (this.problems.length < this.limit) this.problems.push(p);
    else this.omitted += 1;
  }

  get count(): number {
    return this.problems.length + this.omitted;
  }

  /** Throw the collected problems as one SwpError with `code`, if there are any. */
  throwIfAny(code: ExitCodeValue): void {
    if (this.problems.length > 0) throw new SwpError(code, this.problems, { omitted: this.omitted });
  }
}

/** A non-fatal note for the user (a skipped file, an imputed value); shown on stderr and counted by --fail-on-warnings. */
export interface Warning {
  message: string;
  file?: string;
  line?: number;
  keyPath?: string;
  /** How to fix it or silence it, printed on the next line. */
  hint?: string;
}
