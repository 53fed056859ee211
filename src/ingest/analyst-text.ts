/**
 * The analyst's own words: Markdown files in the workspace's `text/` folder (beside the config), each rendered in
 * its place in the documents (src/render/analyst-text.ts). Every file is optional; a missing file leaves its place
 * to the words swp writes itself.
 *
 *   text/introduction.md              the assessment's introduction (before the executive summary)
 *   text/horizon-scan.md              looking ahead: the PESTELO horizon scan
 *   text/recommendations.md           the recommendations, before the action plan at the end of the assessment
 *   text/chapters/<id>.md             commentary at the top of a chapter: a strategic priority id, or "overview"
 *   text/indicators/<indicator>.md    commentary under the table that shows the indicator
 *   text/report/<quarter>.md          the quarterly report's commentary, e.g. 2016-17-Q3.md; commentary.md for any quarter
 *   text/needs-assessment/<part>.md   the serious violence needs assessment: introduction.md, recommendations.md
 *
 * README.md files are notes for the analyst and are not read. A file name the config does not know is a warning
 * (with the closest known name), not an error: the rest of the documents can still be written. A file that is not
 * UTF-8 is an input error located at its first bad byte, since its text would print as mojibake.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { distance } from 'fastest-levenshtein';
import type { Config } from '../model/config.js';
import { CRIME_TYPES, crimeTypeIndicatorId } from '../model/data.js';
import { ExitCode, SwpError, type Problem, type Warning } from '../model/errors.js';

/** One Markdown file as read: its text (UTF-8, BOM removed) and its path as shown in messages. */
export interface AnalystFile {
  markdown: string;
  file: string;
}

/** Everything in `text/`; each entry is absent when its file is. */
export interface AnalystText {
  introduction?: AnalystFile;
  horizonScan?: AnalystFile;
  recommendations?: AnalystFile;
  /** By chapter id: a strategic priority id, or "overview". */
  chapters: Record<string, AnalystFile>;
  /** By indicator id. */
  indicators: Record<string, AnalystFile>;
  /** By quarter ("2016-17-Q3") or "commentary". */
  report: Record<string, AnalystFile>;
  /** The needs assessment's parts ("introduction", "recommendations"); absent in texts built before it existed. */
  needs?: Record<string, AnalystFile>;
}

/** The folder, relative to the config file. */
export const TEXT_DIR = 'text';

const TOP_FILES = { 'introduction.md': 'introduction', 'horizon-scan.md': 'horizonScan', 'recommendations.md': 'recommendations' } as const;
const QUARTER_FILE = /^\d{4}-\d{2}-Q[1-4]$/;

export function emptyAnalystText(): AnalystText {
  return { chapters: {}, indicators: {}, report: {}, needs: {} };
}

/** The names a file in each folder may have (without ".md"). */
function knownNames(config: Config): { chapters: string[]; indicators: string[] } {
  const indicators = new Set<string>(['recorded-crime.all', 'anti-social-behaviour', ...CRIME_TYPES.map(crimeTypeIndicatorId)]);
  for (const i of config.indicators) indicators.add(i.id);
  for (const p of config.strategicPriorities) for (const id of p.indicators) indicators.add(id);
  for (const c of config.priorities.candidates) for (const id of c.indicators) indicators.add(id);
  return { chapters: ['overview', ...config.strategicPriorities.map((p) => p.id)], indicators: [...indicators] };
}

/** The closest known name, when it is close enough to be a likely typo. */
function closest(name: string, known: readonly string[]): string | undefined {
  const best = [...known].sort((a, b) => distance(a, name) - distance(b, name) || a.localeCompare(b))[0];
  return best !== undefined && distance(best, name) <= Math.max(3, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * The offset of the first byte that does not belong to a valid UTF-8 sequence (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or -1 when the whole buffer is valid.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    const second = b[i + 1] ?? 0;
    if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/** Decode a file as UTF-8, or a located problem (line and column of the first bad byte). */
function decode(bytes: Uint8Array, file: string): string | Problem {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const before = bytes.subarray(0, bad);
  const line = before.filter((x) => x === 0x0a).length + 1;
  const lineStart = before.lastIndexOf(0x0a) + 1;
  const column = new TextDecoder('utf-8').decode(before.subarray(lineStart)).length + 1;
  return {
    message: "the analyst's text is not UTF-8",
    file,
    line,
    column,
    expected: 'Markdown saved as UTF-8',
    found: `the byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}, not valid UTF-8 (the file may be saved as Windows-1252)`,
    hint: 'save the file as UTF-8 (in Word: Save As, Plain Text, Unicode UTF-8; in Notepad: Encoding UTF-8)',
  };
}

/** The Markdown files of one folder (names without ".md"), sorted; none when the folder does not exist. */
async function markdownFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && /\.md$/i.test(e.name) && e.name.toLowerCase() !== 'readme.md').map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/**
 * Read the workspace's `text/` folder. Unknown file names are warnings; files that are not UTF-8 are collected
 * and thrown together as one SwpError(INPUT).
 */
export async function readAnalystText(root: string, config: Config, options: { displayBase?: string; onWarning?: (w: Warning) => void } = {}): Promise<AnalystText> {
  const base = options.displayBase ?? process.cwd();
  const warn = options.onWarning ?? (() => {});
  const display = (p: string) => relative(base, p) || p;
  const out = emptyAnalystText();
  const problems: Problem[] = [];
  const read = async (path: string): Promise<AnalystFile | undefined> => {
    const got = decode(await readFile(path), display(path));
    if (typeof got === 'string') return { markdown: got, file: display(path) };
    problems.push(got);
    return undefined;
  };
  const dir = join(root, TEXT_DIR);
  const known = knownNames(config);
  for (const name of await markdownFiles(dir)) {
    const key = TOP_FILES[name as keyof typeof TOP_FILES];
    if (key) {
      const f = await read(join(dir, name));
      if (f) out[key] = f;
    } else warn(unknownName(display(join(dir, name)), name.replace(/\.md$/i, ''), Object.keys(TOP_FILES).map((n) => n.slice(0, -3)), 'a file of the text folder'));
  }
  const folders = [
    { sub: 'chapters', into: out.chapters, names: known.chapters, what: 'a chapter: "overview" or a strategic priority id' },
    { sub: 'indicators', into: out.indicators, names: known.indicators, what: 'an indicator id of the config' },
    { sub: 'report', into: out.report, names: ['commentary'], what: 'a quarter such as 2016-17-Q3, or "commentary"' },
    { sub: 'needs-assessment', into: (out.needs ??= {}), names: ['introduction', 'recommendations'], what: 'a part of the needs assessment: "introduction" or "recommendations"' },
  ];
  for (const { sub, into, names, what } of folders) {
    for (const file of await markdownFiles(join(dir, sub))) {
      const id = file.replace(/\.md$/i, '');
      const path = join(dir, sub, file);
      const ok = names.includes(id) || (sub === 'report' && QUARTER_FILE.test(id));
      if (!ok) {
        warn(unknownName(display(path), id, names, what));
        continue;
      }
      const f = await read(path);
      if (f) into[id] = f;
    }
  }
  if (problems.length > 0) throw new SwpError(ExitCode.INPUT, problems);
  return out;
}

function unknownName(file: string, id: string, names: readonly string[], what: string): Warning {
  const guess = closest(id, names);
  return {
    message: `the analyst's text ${file} is not used: "${id}" is not ${what}`,
    file,
    hint: guess ? `did you mean "${guess}.md"? rename the file` : `name it after ${what} (see the README, "The analyst's text")`,
  };
}
