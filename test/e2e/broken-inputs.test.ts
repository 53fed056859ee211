/**
 * The broken-input corpus: every folder in test/fixtures/broken/ is one case. The valid workspace
 * (test/fixtures/workspaces/valid/) is copied to a temporary folder, the case's files are laid over it (same relative
 * paths; `case.json` may `remove` paths), then `swp validate` (or the case's `args`) runs in-process with the
 * temporary workspace as the working directory, so printed paths are short and stable.
 *
 * case.json:
 *   description   what the case is about (documentation only)
 *   args          command and flags to run instead of ["validate"]; `-w <workspace>` is appended
 *   remove        paths (relative to the workspace) to delete after the overlay
 *   exitCode      the expected exit code
 *   problem       the printed problem that must be present:
 *                   file, line, column, columnName, keyPath   the location, exactly as printed (absent = not printed);
 *                                    `{workspace}` in file stands for the temporary workspace's absolute path
 *                   message          exact text; or messageContains: a substring
 *                   expected/found/hint   true (line present), a string (substring of that line), or false (absent)
 *   errors        how many `error:` blocks are printed (default 1 when `problem` is given; "any" to not check)
 *   stderrContains / stderrExcludes   substrings of stderr
 *   warnings      how many `warning:` lines are printed (optional)
 *   fails         when set, a known bug in src (the text says which): the case runs as `it.fails`
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { FIXTURES, tempDir } from '../helpers.js';

const VALID = join(FIXTURES, 'workspaces/valid');
const BROKEN = join(FIXTURES, 'broken');

type LineCheck = boolean | string | undefined;

interface CaseSpec {
  description?: string;
  args?: string[];
  remove?: string[];
  exitCode: number;
  problem?: {
    file?: string;
    line?: number;
    column?: number;
    columnName?: string;
    keyPath?: string;
    message?: string;
    messageContains?: string;
    expected?: LineCheck;
    found?: LineCheck;
    hint?: LineCheck;
  };
  errors?: number | 'any';
  warnings?: number;
  stderrContains?: string[];
  stderrExcludes?: string[];
  fails?: string;
}

/** Captured streams, as the CLI sees them: no TTY, no NO_COLOR. */
function capture(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    env: {} as Record<string, string | undefined>,
    cwd,
  };
  return { io, out };
}

/** Every file under a folder with its size and modification time, for "nothing was written". */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        files[`${relative(root, p)}/`] = 'dir';
        walk(p);
      } else {
        const st = statSync(p);
        files[relative(root, p)] = `${st.size} ${st.mtimeMs}`;
      }
    }
  };
  walk(root);
  return files;
}

/** The location part of an error line, as the CLI prints it: `file:line:column (column "Name", key a.b)`. */
function location(p: NonNullable<CaseSpec['problem']>): string {
  let loc = p.file ?? '';
  if (p.line !== undefined) loc += `:${p.line}`;
  if (p.column !== undefined) loc += `:${p.column}`;
  const extra: string[] = [];
  if (p.columnName !== undefined) extra.push(`column "${p.columnName}"`);
  if (p.keyPath !== undefined) extra.push(`key ${p.keyPath}`);
  if (extra.length > 0) loc += loc ? ` (${extra.join(', ')})` : extra.join(', ');
  return loc;
}

/** Split stderr into error blocks: the `error:` line and its indented detail lines. */
function errorBlocks(stderr: string): { head: string; details: Record<string, string> }[] {
  const blocks: { head: string; details: Record<string, string> }[] = [];
  for (const line of stderr.split('\n')) {
    if (line.startsWith('error: ')) blocks.push({ head: line.slice('error: '.length), details: {} });
    else {
      const m = /^ {2}(expected|found|hint): +(.*)$/.exec(line);
      if (m && blocks.length > 0) blocks[blocks.length - 1]!.details[m[1]!] = m[2]!;
    }
  }
  return blocks;
}

const caseNames = readdirSync(BROKEN, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe('the valid fixture workspace', () => {
  it('validates with exit 0 and no warnings (--fail-on-warnings)', async () => {
    const ws = tempDir();
    temps.push(ws);
    cpSync(VALID, ws, { recursive: true });
    const { io, out } = capture(ws);
    const code = await run(['validate', '--fail-on-warnings', '-w', ws], io);
    expect(out.stderr).not.toMatch(/warning:|error:/);
    expect(code).toBe(0);
    expect(out.stderr).toContain('police.uk rows: 17 read; 12 in Castlebridge (2 LSOAs); 4 in other areas; 1 with no location');
  });
});

describe('broken-input corpus (test/fixtures/broken)', () => {
  it('has at least 30 cases, each with a case.json', () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(30);
    for (const name of caseNames) expect(existsSync(join(BROKEN, name, 'case.json')), name).toBe(true);
  });

  for (const name of caseNames) {
    const spec = JSON.parse(readFileSync(join(BROKEN, name, 'case.json'), 'utf8')) as CaseSpec;
    const test = spec.fails ? it.fails : it;
    test(`${name} → exit ${spec.exitCode}${spec.fails ? ` (known bug: ${spec.fails})` : ''}`, async () => {
      const ws = tempDir(`swp-broken-${name}-`);
      temps.push(ws);
      cpSync(VALID, ws, { recursive: true });
      cpSync(join(BROKEN, name), ws, { recursive: true, filter: (src) => src !== join(BROKEN, name, 'case.json') });
      for (const p of spec.remove ?? []) rmSync(join(ws, p), { recursive: true });
      const before = snapshot(ws);

      const { io, out } = capture(ws);
      const code = await run([...(spec.args ?? ['validate']), '-w', ws], io);
      const context = `${name}: stderr was\n${out.stderr}`;

      if (process.env.SWP_CASE_DUMP) console.log(`=== ${name} → ${code}\n${out.stderr}`);
      expect(code, context).toBe(spec.exitCode);
      // Messages go to stderr; stdout is for data only, and validate prints no data.
      expect(out.stdout, context).toBe('');
      // No stack trace without --debug.
      expect(out.stderr, context).not.toMatch(/^\s+at /m);
      expect(out.stderr, context).not.toContain('internal error');
      // Validation reads; it never writes into the workspace.
      expect(snapshot(ws), context).toEqual(before);

      const blocks = errorBlocks(out.stderr);
      if (spec.exitCode === 0 || spec.exitCode === 6) expect(blocks, context).toEqual([]);
      if (spec.problem) {
        const p = { ...spec.problem, ...(spec.problem.file ? { file: spec.problem.file.replace('{workspace}', ws) } : {}) };
        const loc = location(p);
        const prefix = loc ? `${loc}: ` : '';
        const block = blocks.find((b) => b.head.startsWith(prefix) && (p.message === undefined || b.head === `${prefix}${p.message}`) && (p.messageContains === undefined || b.head.slice(prefix.length).includes(p.messageContains)));
        expect(block, `${context}\nno error block "error: ${prefix}${p.message ?? `…${p.messageContains ?? ''}…`}"`).toBeDefined();
        for (const key of ['expected', 'found', 'hint'] as const) {
          const want = p[key] ?? true;
          const got = block!.details[key];
          if (want === false) expect(got, `${context}\n${key}: should be absent`).toBeUndefined();
          else {
            expect(got, `${context}\n${key}: line missing`).toBeDefined();
            if (typeof want === 'string') expect(got, context).toContain(want);
          }
        }
        if (spec.errors !== 'any') expect(blocks.length, `${context}\nnumber of error blocks`).toBe(spec.errors ?? 1);
      } else if (spec.errors !== undefined && spec.errors !== 'any') {
        expect(blocks.length, context).toBe(spec.errors);
      }
      if (spec.warnings !== undefined) expect(out.stderr.match(/^warning:/gm)?.length ?? 0, context).toBe(spec.warnings);
      for (const s of spec.stderrContains ?? []) expect(out.stderr, context).toContain(s);
      for (const s of spec.stderrExcludes ?? []) expect(out.stderr, context).not.toContain(s);
    });
  }
});
