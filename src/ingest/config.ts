/**
 * Loading swp.config.yaml (or .json): parse, validate with the zod schema, then semantic rules, reporting every
 * problem at once with its key path and its line in the file (changesets' read-config does the same).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import { LineCounter, parseDocument, isMap, isSeq, visit, type Node } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from '../model/config.js';
import { ExitCode, SwpError, showFound, type Problem } from '../model/errors.js';

import { CONFIG_FILES } from './config-files.js';
import { shownPath } from '../files/paths.js';

export { CONFIG_FILES };

/** Find the config file in a workspace folder, or fail with the list of names looked for. */
export function findConfig(workspace: string, displayBase = process.cwd()): string {
  for (const name of CONFIG_FILES) {
    const p = join(workspace, name);
    if (existsSync(p)) return p;
  }
  throw new SwpError(ExitCode.CONFIG, {
    message: 'no swp.config.yaml in the workspace',
    file: relative(displayBase, workspace) || '.',
    expected: `one of ${CONFIG_FILES.join(', ')}`,
    found: 'none',
    hint: 'run `swp init` to create a workspace, or pass --workspace DIR',
  });
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** Walk the schema along a key path to the object schema there, to list its keys for "did you mean". */
function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema[] {
  let nodes: AnySchema[] = [schema];
  const unwrap = (s: AnySchema): AnySchema[] => {
    const def = s._zod.def;
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'nullable':
      case 'prefault':
        return unwrap(def.innerType as AnySchema);
      case 'pipe':
        return unwrap(def.in as AnySchema);
      case 'union':
        return (def.options as AnySchema[]).flatMap(unwrap);
      default:
        return [s];
    }
  };
  nodes = nodes.flatMap(unwrap);
  for (const key of path) {
    const next: AnySchema[] = [];
    for (const n of nodes) {
      const def = n._zod.def;
      if (def.type === 'object' && typeof key === 'string') {
        const shape = def.shape as Record<string, AnySchema>;
        if (shape[key]) next.push(...unwrap(shape[key]));
      } else if (def.type === 'array' && typeof key === 'number') {
        next.push(...unwrap(def.element as AnySchema));
      } else if (def.type === 'record') {
        next.push(...unwrap(def.valueType as AnySchema));
      }
    }
    nodes = next;
  }
  return nodes;
}

/** Suggest the closest known key, when it is close enough to be a typo. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(key, known as string[]);
  return distance(key.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** `a.b[2].c` from a zod path. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out || '(top level)';
}

/** 1-based line and column of the YAML/JSON node at a key path, if it exists. */
function positionOf(
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: readonly PropertyKey[],
  atKey = false,
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = node as Node;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) break;
      last = (pair.key as Node) ?? last;
      // An unknown key is pointed at itself, not at its value.
      if (atKey && i === path.length - 1) break;
      node = pair.value;
      if (node) last = node as Node;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (!node) break;
      last = node as Node;
    } else break;
  }
  const offset = last?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}

/** Turn zod issues into located problems, with "did you mean" for unknown keys. */
function zodProblems(issues: readonly z.core.$ZodIssue[], file: string, doc: ReturnType<typeof parseDocument>, counter: LineCounter, raw: unknown): Problem[] {
  const problems: Problem[] = [];
  // A typo ("weigth") produces two issues: the unknown key and the missing "weight". Report the typo once, with
  // its suggestion, and drop the "missing" issue the suggestion explains.
  const explained = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = schemaAt(configSchema as unknown as AnySchema, issue.path).flatMap((s) =>
      s._zod.def.type === 'object' ? Object.keys(s._zod.def.shape as object) : [],
    );
    for (const key of issue.keys) {
      const guess = didYouMean(key, known);
      if (guess) explained.add(formatKeyPath([...issue.path, guess]));
    }
  }
  for (const issue of issues) {
    if (issue.code === 'invalid_type' && explained.has(formatKeyPath(issue.path)) && valueAt(raw, issue.path) === undefined) continue;
    if (issue.code === 'unrecognized_keys') {
      const known = schemaAt(configSchema as unknown as AnySchema, issue.path).flatMap((s) =>
        s._zod.def.type === 'object' ? Object.keys(s._zod.def.shape as object) : [],
      );
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const guess = didYouMean(key, known);
        problems.push({
          message: `unknown key "${key}"`,
          file,
          ...positionOf(doc, counter, path, true),
          keyPath: formatKeyPath(path),
          expected: known.length ? `one of: ${known.join(', ')}` : 'no other keys here',
          found: showFound(key),
          hint: guess ? `did you mean "${guess}"?` : 'remove it, or check the config reference in the README',
        });
      }
      continue;
    }
    const found = valueAt(raw, issue.path);
    problems.push({
      message: issue.code === 'invalid_type' && found === undefined ? 'a required key is missing' : issue.message,
      file,
      ...positionOf(doc, counter, issue.path),
      keyPath: formatKeyPath(issue.path),
      expected: expectedText(issue),
      found: found === undefined ? 'nothing' : showFound(typeof found === 'string' ? found : JSON.stringify(found)),
      hint: 'see the config reference in the README (or schema/swp.config.schema.json)',
    });
  }
  return problems;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k as string];
  }
  return v;
}

function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : ''}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.message;
    default:
      return issue.message;
  }
}

/** Rules the schema cannot express: cross-references between keys. */
/**
 * An indicator named by two candidates would be counted twice (a theme scored against a crime type it contains):
 * each indicator belongs to one candidate only (src/priorities/METHOD.md, "Candidates").
 */
function sharedCandidateIndicators(config: Config): { candidate: number; index: number; problem: Omit<Problem, 'file' | 'line' | 'column' | 'keyPath'> }[] {
  const owner = new Map<string, string>();
  const out: { candidate: number; index: number; problem: Omit<Problem, 'file' | 'line' | 'column' | 'keyPath'> }[] = [];
  config.priorities.candidates.forEach((c, i) =>
    c.indicators.forEach((id, j) => {
      const first = owner.get(id);
      if (first !== undefined && first !== c.id) {
        out.push({ candidate: i, index: j, problem: { message: `indicator "${id}" is in candidates "${first}" and "${c.id}": it would be counted twice`, expected: 'each indicator in one candidate', found: `also in "${first}"`, hint: `keep "${id}" in the theme it belongs to, or score the theme without it` } });
      }
      if (first === undefined) owner.set(id, c.id);
    }),
  );
  return out;
}

function semanticProblems(config: Config, file: string, doc: ReturnType<typeof parseDocument>, counter: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const at = (path: PropertyKey[]) => ({ file, ...positionOf(doc, counter, path), keyPath: formatKeyPath(path) });
  const criteria = config.priorities.criteria;
  if (criteria.length > 0 && criteria.reduce((s, c) => s + c.weight, 0) <= 0) {
    problems.push({
      ...at(['priorities', 'criteria']),
      message: 'the criteria weights add up to 0, so no priority can be scored',
      expected: 'at least one weight above 0',
      found: criteria.map((c) => `${c.id}: ${c.weight}`).join(', '),
      hint: 'give the criteria that matter most the largest weights, e.g. volume: 3, harm: 3, trend: 2',
    });
  }
  const seen = new Map<string, number>();
  criteria.forEach((c, i) => {
    const before = seen.get(c.id);
    if (before !== undefined) {
      problems.push({ ...at(['priorities', 'criteria', i, 'id']), message: `criterion "${c.id}" is listed twice`, expected: 'each criterion once', found: `also at priorities.criteria[${before}]`, hint: 'merge the two entries into one weight' });
    }
    seen.set(c.id, i);
  });
  const dupIds = (list: { id: string }[], key: string[]) => {
    const ids = new Map<string, number>();
    list.forEach((x, i) => {
      const before = ids.get(x.id);
      if (before !== undefined) problems.push({ ...at([...key, i, 'id']), message: `id "${x.id}" is used twice`, expected: 'unique ids', found: `also at ${formatKeyPath([...key, before])}`, hint: 'rename one of them' });
      ids.set(x.id, i);
    });
  };
  dupIds(config.strategicPriorities, ['strategicPriorities']);
  dupIds(config.priorities.candidates, ['priorities', 'candidates']);
  dupIds(config.indicators, ['indicators']);
  problems.push(...sharedCandidateIndicators(config).map((d) => ({ ...at(['priorities', 'candidates', d.candidate, 'indicators', d.index]), ...d.problem })));
  return problems;
}

/** Read, parse and validate a config file. All problems are thrown together as SwpError(CONFIG). */
export async function loadConfig(path: string, displayBase = process.cwd()): Promise<Config> {
  const file = shownPath(displayBase, path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SwpError(ExitCode.CONFIG, { message: 'the config file cannot be read', file, found: (e as NodeJS.ErrnoException).code ?? String(e), hint: 'check the path and permissions' });
  }
  const counter = new LineCounter();
  // JSON is valid YAML 1.2, so one parser gives positions for both.
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SwpError(
      ExitCode.CONFIG,
      doc.errors.slice(0, 10).map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return {
          message: `the config is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`,
          file,
          line: pos.line,
          column: pos.col,
          expected: 'YAML key: value pairs, indented with spaces',
          found: e.code,
          hint: e.code === 'DUPLICATE_KEY' ? 'a key appears twice at the same level: keep one' : 'check indentation (spaces, not tabs) and quoting near this line',
        } satisfies Problem;
      }),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS() ?? {};
  } catch (e) {
    // YAML aliases the parser accepts but cannot resolve ("*a" before "&a"), or an alias bomb.
    let aliasAt: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        aliasAt ??= node.range?.[0];
      },
    });
    const pos = aliasAt !== undefined ? counter.linePos(aliasAt) : undefined;
    throw new SwpError(ExitCode.CONFIG, {
      message: `the config is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
      expected: 'plain YAML keys and values (swp configs need no anchors or aliases)',
      found: 'an alias (*name) that cannot be resolved, or too many aliases',
      hint: 'remove the & anchors and * aliases, or define each anchor before its first use',
    });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new SwpError(ExitCode.CONFIG, zodProblems(parsed.error.issues, file, doc, counter, raw));
  const semantic = semanticProblems(parsed.data, file, doc, counter);
  if (semantic.length > 0) throw new SwpError(ExitCode.CONFIG, semantic);
  return parsed.data;
}
