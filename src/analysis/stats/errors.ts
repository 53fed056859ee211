/**
 * The one error the statistics layer throws.
 *
 * The functions in `src/analysis/stats/` are pure and know nothing of files or rows, so this error names only the
 * argument that was wrong and the value found. A caller that reads data (ingest, analysis) catches it and turns it into
 * a located `SwpError` problem; anything else escaping from here is a bug.
 */
export class StatsInputError extends Error {
  /** The argument that was wrong, e.g. `denominator` or `points[3].count`. */
  readonly argument: string;
  /** The value found (as given; may be NaN, Infinity, negative…). */
  readonly value: unknown;

  constructor(argument: string, value: unknown, message: string) {
    super(`${argument}: ${message} (found ${formatValue(value)})`);
    this.name = 'StatsInputError';
    this.argument = argument;
    this.value = value;
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
