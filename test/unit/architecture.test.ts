/**
 * The layers of src import one way (docs/ARCHITECTURE.md): a module may import its own layer and the layers before
 * it, never a later one, and no chain of imports may come back to where it started. Every import is read: static
 * (`import … from`, `export … from`, `import type`) and dynamic (`import('…')`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * The layer order, earliest first. model (types, errors, the JSON contract) and files (atomic writing) are shared
 * by every layer; pipeline runs a document from workspace to files; cli parses flags and prints.
 */
export const LAYERS = ['model', 'files', 'ingest', 'analysis', 'priorities', 'render', 'pdf', 'pipeline', 'cli'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The relative imports of a source file, resolved to src-relative .ts paths. */
export function importsOf(file: string, text: string): string[] {
  const specs = new Set<string>();
  // Comments may quote imports (`await import('../pdf/index.js')` in a doc comment): drop them first.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const re of [/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g]) {
    for (const m of code.matchAll(re)) specs.add(m[1]!);
  }
  return [...specs].filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** The layer of a src-relative path: its first folder. */
const layerOf = (path: string) => path.split('/')[0]!;

/** Imports that go against the layer order, as "from -> to" lines. */
export function layerViolations(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, tos] of graph) {
    for (const to of tos) {
      const a = LAYERS.indexOf(layerOf(from) as (typeof LAYERS)[number]);
      const b = LAYERS.indexOf(layerOf(to) as (typeof LAYERS)[number]);
      if (a < 0 || b < 0 || b > a) out.push(`${from} -> ${to}`);
    }
  }
  return out;
}

/** Every import circle (as a path that returns to its start), found by depth-first search. */
export function importCircles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const circles: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') circles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return circles;
}

const graph = new Map(sourceFiles(SRC).map((f) => [relative(SRC, f), importsOf(f, readFileSync(f, 'utf8'))]));

describe('architecture', () => {
  it('reads the imports of every kind (static, type-only, re-export, dynamic) and ignores comments', () => {
    const file = join(SRC, 'cli/x.ts');
    const text = "import { a } from '../model/a.js';\nimport type { B } from './b.js';\nexport { c } from '../render/c.js';\n/** await import('../nope.js') */\nconst m = await import('../pdf/index.js');\n";
    expect(importsOf(file, text).sort()).toEqual(['cli/b.ts', 'model/a.ts', 'pdf/index.ts', 'render/c.ts']);
  });

  it('finds a violation and a circle in a small graph built by hand', () => {
    const g = new Map([
      ['analysis/a.ts', ['render/r.ts']],
      ['render/r.ts', ['analysis/a.ts']],
    ]);
    expect(layerViolations(g)).toEqual(['analysis/a.ts -> render/r.ts']);
    expect(importCircles(g)).toEqual(['analysis/a.ts -> render/r.ts -> analysis/a.ts']);
  });

  it('every file of src lies in a known layer', () => {
    expect([...graph.keys()].filter((f) => !LAYERS.includes(layerOf(f) as (typeof LAYERS)[number]))).toEqual([]);
  });

  it('every import goes to the same layer or an earlier one', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('no import circle', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('nothing imports src/cli/run.ts (only bin/ and the tests do)', () => {
    expect([...graph].filter(([, tos]) => tos.includes('cli/run.ts')).map(([f]) => f)).toEqual([]);
  });
});
