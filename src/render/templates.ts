/**
 * The template registry: Handlebars layouts and partials for each document, the helpers they use, and the
 * partnership's overrides.
 *
 * Templates are data (templates/<document>/layout.hbs, templates/shared/partials/*.hbs, templates/shared/style.css).
 * A workspace may override any of them by putting a file with the same relative path in its templates folder
 * (config `document.templates`); paths are checked to stay inside the workspace. Every `{{ }}` is escaped; the
 * only raw output (`{{{ }}}`) is SVG and CSS that swp itself produced, and the analyst's Markdown as rendered by
 * src/render/analyst-text.ts (raw HTML escaped, unsafe links dropped).
 */
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { ExitCode, SwpError } from '../model/errors.js';
import * as fmt from './format.js';
import { shownPath } from '../files/paths.js';

/** The package's templates folder (same relative place from src/ and dist/). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type DocumentKind = 'assessment' | 'report' | 'public' | 'needs';

/** The documents and the files each uses, relative to a templates folder. */
const REGISTRY: Record<DocumentKind, { layout: string }> = {
  assessment: { layout: 'assessment/layout.hbs' },
  report: { layout: 'report/layout.hbs' },
  public: { layout: 'public/layout.hbs' },
  needs: { layout: 'needs/layout.hbs' },
};

const PARTIALS_DIR = 'shared/partials';
const STYLE_FILE = 'shared/style.css';

/** Resolve the workspace's override folder, refusing paths that leave the workspace. */
export function overrideDir(workspaceRoot: string, configured: string | undefined): string | undefined {
  if (configured === undefined) return undefined;
  const dir = resolve(workspaceRoot, configured);
  const root = realpathSync(workspaceRoot);
  const real = existsSync(dir) ? realpathSync(dir) : dir;
  if (real !== root && !real.startsWith(root + sep)) {
    throw new SwpError(ExitCode.CONFIG, {
      message: 'the templates folder is outside the workspace',
      keyPath: 'document.templates',
      expected: 'a folder inside the workspace, e.g. templates',
      found: JSON.stringify(configured),
      hint: 'template overrides must live in the workspace: copy them there with `swp init --templates`',
    });
  }
  if (!existsSync(dir)) {
    throw new SwpError(ExitCode.CONFIG, { message: 'the templates folder does not exist', keyPath: 'document.templates', found: JSON.stringify(configured), hint: 'create it with `swp init --templates`' });
  }
  return dir;
}

/** A template file's text: the override if the workspace has one, else the default. */
function readTemplate(rel: string, overrides: string | undefined): { text: string; file: string } {
  if (overrides) {
    const p = join(overrides, rel);
    if (existsSync(p)) return { text: readFileSync(p, 'utf8'), file: p };
  }
  const p = join(TEMPLATES_DIR, rel);
  return { text: readFileSync(p, 'utf8'), file: p };
}

/** Compile with Handlebars, turning its parse errors into a located RENDER error. */
function compile(hb: typeof Handlebars, text: string, file: string, displayBase: string): HandlebarsTemplateDelegate {
  try {
    const template = hb.compile(text, { strict: false, noEscape: false });
    // Handlebars parses lazily: force it now so a syntax error is reported before any work is done.
    hb.precompile(text);
    return template;
  } catch (e) {
    const message = (e as Error).message;
    // Handlebars reports an unclosed block at the end of the file: point at the block that was opened instead.
    const atEof = /got 'EOF'/.test(message);
    const line = (atEof ? unclosedBlockLine(text) : undefined) ?? Number(/line (\d+)/.exec(message)?.[1] ?? NaN);
    const detail = message.split('\n').filter((l) => !/^-*\^$/.test(l.trim()) && l.trim() !== '');
    throw new SwpError(ExitCode.RENDER, {
      message: atEof ? 'a template has a syntax error: a block ({{#if}}, {{#each}}…) is never closed' : 'a template has a syntax error',
      file: shownPath(displayBase, file),
      ...(Number.isFinite(line) ? { line } : {}),
      expected: 'valid Handlebars: every {{#if}} / {{#each}} closed, braces balanced',
      found: [detail[0], detail.find((l) => l.startsWith('Expecting'))].filter(Boolean).join(' ').slice(0, 240),
      hint: 'fix the override, or delete it to use the default template',
    });
  }
}

/** The line of the last block opened ({{#if}}, {{#each}}…) and never closed, if any. */
function unclosedBlockLine(text: string): number | undefined {
  const stack: { name: string; line: number }[] = [];
  const re = /\{\{~?\s*([#/])\s*([\w.-]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = text.slice(0, m.index).split('\n').length;
    if (m[1] === '#') stack.push({ name: m[2]!, line });
    else {
      const at = stack.map((b) => b.name).lastIndexOf(m[2]!);
      if (at >= 0) stack.length = at;
    }
  }
  return stack[stack.length - 1]?.line;
}

/** Register the helpers every template may use. */
function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('count', (n: number | null, suppressed?: unknown) => fmt.count(n, suppressed === true));
  hb.registerHelper('decimal', (n: number | null, suppressed?: unknown) => fmt.decimal(n, suppressed === true));
  hb.registerHelper('value', (r: Parameters<typeof fmt.value>[0]) => fmt.value(r));
  hb.registerHelper('interval', (ci: [number, number] | null, suppressed?: unknown) => fmt.interval(ci, suppressed === true));
  hb.registerHelper('signedPercent', (p: number | null) => fmt.signedPercent(p));
  hb.registerHelper('longDate', (iso: string) => fmt.longDate(iso));
  hb.registerHelper('monthLabel', (key: string) => fmt.monthLabel(key));
  hb.registerHelper('pValue', (p: number | null) => fmt.pValue(p));
  hb.registerHelper('percent', (x: number | null) => (x === null || x === undefined ? fmt.GSS.notAvailable : `${Math.round(x * 100)}%`));
  hb.registerHelper('fixed', (x: number | null, digits: number) => (x === null || x === undefined ? fmt.GSS.notAvailable : x.toFixed(typeof digits === 'number' ? digits : 2)));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('not', (a: unknown) => !a);
  hb.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  hb.registerHelper('inc', (n: number) => n + 1);
  // Raw SVG/CSS produced by swp itself (never CSV text), and the analyst's Markdown made safe by render/analyst-text.ts.
  hb.registerHelper('trusted', (html: string) => new hb.SafeString(html ?? ''));
}

/** A loaded set of templates for one document kind. */
export interface DocumentTemplates {
  render(view: unknown): string;
  css: string;
}

/** Load, compile and return the templates for a document, applying workspace overrides. */
export function loadTemplates(kind: DocumentKind, overrides: string | undefined, displayBase = process.cwd()): DocumentTemplates {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const partialNames = new Set<string>();
  for (const dir of [join(TEMPLATES_DIR, PARTIALS_DIR), overrides ? join(overrides, PARTIALS_DIR) : undefined]) {
    if (dir && existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.hbs')) partialNames.add(f.slice(0, -4));
  }
  for (const name of [...partialNames].sort()) {
    const { text, file } = readTemplate(`${PARTIALS_DIR}/${name}.hbs`, overrides);
    hb.registerPartial(name, compile(hb, text, file, displayBase));
  }
  const layout = readTemplate(REGISTRY[kind].layout, overrides);
  const template = compile(hb, layout.text, layout.file, displayBase);
  const css = readTemplate(STYLE_FILE, overrides).text;
  return {
    css,
    render(view: unknown): string {
      try {
        return template(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        throw new SwpError(ExitCode.RENDER, {
          message: `the ${kind} template failed while rendering: ${(e as Error).message.split('\n')[0]}`,
          file: shownPath(displayBase, layout.file),
          hint: 'if you override templates, compare yours with the defaults (`swp init --templates`)',
        });
      }
    },
  };
}
