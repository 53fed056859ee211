/**
 * Template overrides from the workspace (`document.templates`), end to end with the real Chromium:
 *  - an override that asks for network resources (an `<img src="http://127.0.0.1:PORT/…">` and friends) renders,
 *    with a warning naming what was blocked, and nothing reaches a local server that counts connections;
 *  - an override with a Handlebars syntax error fails with exit 5 and a message naming the override file and line,
 *    no stack trace, and no output written (an earlier PDF in the out folder is left byte for byte);
 *  - a templates folder outside the workspace (`../outside`, or a symlink leading there) fails with exit 4 at key
 *    path document.templates.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../../../src/render/templates.js';
import { copyDemo, explain, pdfinfo, sha256, SLOW, swp, temp, type RunResult } from './support.js';

const STACK = /^\s+at /m;

let server: Server;
let port: number;
const hits = { requests: [] as string[], connections: 0 };

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  server.on('connection', () => (hits.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A copy of the demo in <tmp>/ws with `document.templates` set and the given files under the workspace. */
function workspace(templates: string | undefined, files: Record<string, string> = {}, keep = false): { root: string; ws: string; out: string } {
  const root = temp('swp-overrides-');
  if (!keep) temps.push(root);
  const ws = copyDemo(join(root, 'ws'));
  const configPath = join(ws, 'swp.config.yaml');
  const config = parseYaml(readFileSync(configPath, 'utf8'));
  if (templates !== undefined) config.document.templates = templates;
  writeFileSync(configPath, stringifyYaml(config));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(ws, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
  }
  return { root, ws, out: join(root, 'out') };
}

const assess = (ws: string, out: string, format = 'pdf,html') => swp(['assess', '-w', ws, '--out', out, '--format', format, '--date', '2017-06-30']);

/** The files in a folder (none if it does not exist). */
const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('an override that asks for network resources', () => {
  it(
    'renders the PDF offline: nothing reaches the server, and the run warns what it blocked',
    async () => {
      const u = (path: string) => `http://127.0.0.1:${port}${path}`;
      const figure = [
        `<link rel="stylesheet" href="${u('/style.css')}">`,
        `<link rel="preconnect" href="${u('/')}">`,
        `<style>@font-face{font-family:Remote;src:url(${u('/font.woff2')})} .remote{font-family:Remote}</style>`,
        '<figure>',
        '  <figcaption class="remote">{{caption}}</figcaption>',
        `  <img src="${u('/x.png')}" alt="">`,
        `  <div style="width:4px;height:4px;background-image:url(${u('/bg.png')})"></div>`,
        `  <iframe src="${u('/frame.html')}" title="remote frame" width="10" height="10"></iframe>`,
        '  {{trusted svg}}',
        '</figure>',
      ].join('\n');
      const { ws, out } = workspace('templates', { 'templates/shared/partials/figure.hbs': figure });
      hits.requests.length = 0;
      hits.connections = 0;

      const r = await assess(ws, out);
      // Give a late request (if any) the time to arrive before counting.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(r.code, explain(r)).toBe(0);
      expect(hits.requests, 'requests that reached the server').toEqual([]);
      expect(hits.connections, 'TCP connections to the server').toBe(0);

      // The HTML keeps the override as written (it is the partnership's own template) ...
      expect(readFileSync(join(out, 'assessment-2016-17.html'), 'utf8')).toContain(u('/x.png'));
      // ... the PDF is printed anyway ...
      expect(Number(pdfinfo(join(out, 'assessment-2016-17.pdf')).Pages)).toBeGreaterThan(10);
      // ... and the user is told what was blocked.
      const warning = r.stderr.split('\n').find((l) => l.startsWith('warning:') && /blocked/.test(l));
      expect(warning, r.stderr).toBeDefined();
      expect(warning).toContain(u('/x.png'));
      expect(warning).toMatch(/data: URLs/);
    },
    SLOW,
  );
});

describe('an override with a Handlebars syntax error', () => {
  const defaultLayout = () => readFileSync(join(TEMPLATES_DIR, 'assessment/layout.hbs'), 'utf8').split('\n');
  /** The default assessment layout with an unclosed `{{#if x}}` on line 21. */
  const brokenLayout = () => {
    const lines = defaultLayout();
    lines.splice(20, 0, '{{#if x}}');
    return lines.join('\n');
  };
  const PREVIOUS = Buffer.from('%PDF-1.4\n% the assessment from an earlier, good run\n');

  let broken: { run: RunResult; out: string; root: string } | undefined;
  /** One failing run shared by the tests below (exit 5 comes before the browser, so it takes seconds). */
  async function brokenRun() {
    if (!broken) {
      const { root, ws, out } = workspace('templates', { 'templates/assessment/layout.hbs': brokenLayout() }, true);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'assessment-2016-17.pdf'), PREVIOUS);
      broken = { run: await assess(ws, out), out, root };
    }
    return broken;
  }
  afterAll(() => {
    if (broken) rmSync(broken.root, { recursive: true, force: true });
  });

  it(
    'exits 5 naming the override file and a line, with no stack trace',
    async () => {
      const { run: r } = await brokenRun();
      expect(r.code, explain(r)).toBe(5);
      expect(r.stderr).toMatch(/templates\/assessment\/layout\.hbs:\d+/);
      expect(r.stderr).toMatch(/syntax error/);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr).not.toMatch(/internal error/);
    },
    SLOW,
  );

  it(
    'writes no assessment-2016-17.pdf or .html, leaves the earlier PDF byte for byte, and leaves no temporary files',
    async () => {
      const { out } = await brokenRun();
      expect(listing(out)).toEqual(['assessment-2016-17.pdf']);
      expect(readFileSync(join(out, 'assessment-2016-17.pdf')).equals(PREVIOUS)).toBe(true);
    },
    SLOW,
  );

  // Handlebars reports an unclosed block where the file ends ("Parse error on line 192" for a 191-line layout),
  // and templates.ts keeps only the first three lines of its message, which drops the "Expecting 'OPEN_ENDBLOCK' …,
  // got 'EOF'" line. So the user is sent to the last line, not to the `{{#if x}}` on line 21. Fix in
  // src/render/templates.ts compile(): when the parse error is at EOF, scan the text for block openers
  // (`{{#name` / `{{^name`) without a matching `{{/name}}` and report the line of the last unclosed one (and say
  // "`{{#if}}` opened on line 21 is never closed"); keep the "Expecting … got …" line in `found`.
  it(
    'points at the line of the unclosed {{#if}} (21), not at the end of the file',
    async () => {
      const { run: r } = await brokenRun();
      expect(r.stderr).toMatch(/templates\/assessment\/layout\.hbs:21\b/);
    },
    SLOW,
  );

  // Issue 6.1 ("no output file was written"): a run that fails on a template (exit 5), or on document.templates /
  // branding.logo (exit 4), must not replace the JSON of the last good run. Every file of a run is produced in memory
  // first and written together at the end (src/pipeline/files.ts, src/files/atomic.ts).
  it(
    'with --format pdf,html,json writes no assessment-2016-17.json either',
    async () => {
      const { ws, out } = workspace('templates', { 'templates/assessment/layout.hbs': brokenLayout() });
      const r = await assess(ws, out, 'pdf,html,json');
      expect(r.code, explain(r)).toBe(5);
      expect(listing(out)).toEqual([]);
    },
    SLOW,
  );

  it(
    'names the partial when the syntax error is in an overridden partial',
    async () => {
      const { ws, out } = workspace('templates', { 'templates/shared/partials/figure.hbs': '<figure>\n{{#each table.rows}}\n<p>{{this}</p>\n</figure>\n' });
      const r = await assess(ws, out);
      expect(r.code, explain(r)).toBe(5);
      expect(r.stderr).toMatch(/templates\/shared\/partials\/figure\.hbs:\d+/);
      expect(r.stderr).not.toMatch(STACK);
      expect(listing(out)).toEqual([]);
    },
    SLOW,
  );
});

describe('a templates folder outside the workspace', () => {
  const outside = (root: string) => {
    const dir = join(root, 'outside');
    mkdirSync(join(dir, 'assessment'), { recursive: true });
    writeFileSync(join(dir, 'assessment/layout.hbs'), '<!DOCTYPE html><html lang="en"><title>outside</title><p>from outside</p></html>');
    return dir;
  };

  it(
    'document.templates: ../outside exits 4 at key path document.templates and writes nothing',
    async () => {
      const { root, ws, out } = workspace('../outside');
      outside(root);
      const r = await assess(ws, out);
      expect(r.code, explain(r)).toBe(4);
      expect(r.stderr).toContain('document.templates');
      expect(r.stderr).toContain('../outside');
      expect(r.stderr).not.toMatch(STACK);
      expect(listing(out)).toEqual([]);
    },
    SLOW,
  );

  it(
    'a templates folder that is a symlink leading outside exits 4 too',
    async () => {
      const { root, ws, out } = workspace('templates');
      symlinkSync(outside(root), join(ws, 'templates'), 'dir');
      const r = await assess(ws, out);
      expect(r.code, explain(r)).toBe(4);
      expect(r.stderr).toContain('document.templates');
      expect(listing(out)).toEqual([]);
    },
    SLOW,
  );

  // `swp validate` reports the config as valid although every `assess`/`report` will fail on it: document.templates
  // (like branding.logo) is only checked in src/render/document.ts at render time. Fix: check both when the config
  // is loaded (src/ingest/workspace.ts or config.ts, with overrideDir/logoDataUri's rules), exit 4 with the key path.
  it(
    '`swp validate` already refuses document.templates: ../outside (exit 4)',
    async () => {
      const { root, ws } = workspace('../outside');
      outside(root);
      const r = await swp(['validate', '-w', ws]);
      expect(r.code, explain(r)).toBe(4);
      expect(r.stderr).toContain('document.templates');
    },
    SLOW,
  );
});
