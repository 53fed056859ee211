/**
 * Rendering a document to one self-contained HTML file: templates (with the workspace's overrides), inline CSS with
 * the embedded font and the partnership's colours, inline SVG charts and an inlined logo. The HTML needs nothing
 * from the network, so the PDF printed from it is the same on any machine with the same browser.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { Config } from '../model/config.js';
import { ExitCode, SwpError } from '../model/errors.js';
import { assessmentView, type AssessmentInputs } from './assessment-view.js';
import { fontFaceCss } from './fonts.js';
import { reportView, type ReportInputs } from './report-view.js';
import { publicView, type PublicInputs } from './public-view.js';
import { needsView, type NeedsInputs } from './needs-view.js';
import { loadTemplates, overrideDir, type DocumentKind } from './templates.js';

const MIME: Record<string, string> = { '.png': 'image/png', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

/** The logo as a data: URI; the path must stay inside the workspace. */
export function logoDataUri(config: Config, workspaceRoot: string): string | undefined {
  const logo = config.branding.logo;
  if (logo === undefined) return undefined;
  const path = resolve(workspaceRoot, logo);
  const mime = MIME[extname(path).toLowerCase()];
  const problem = (message: string, found: string) =>
    new SwpError(ExitCode.CONFIG, { message, keyPath: 'branding.logo', expected: 'a PNG, JPEG or SVG file inside the workspace', found, hint: 'put the logo in the workspace folder and give its relative path' });
  if (!mime) throw problem('the logo is not a PNG, JPEG or SVG file', JSON.stringify(logo));
  if (!existsSync(path)) throw problem('the logo file does not exist', JSON.stringify(logo));
  const root = realpathSync(workspaceRoot);
  if (!realpathSync(path).startsWith(root + sep)) throw problem('the logo is outside the workspace', JSON.stringify(logo));
  return `data:${mime};base64,${readFileSync(path).toString('base64')}`;
}

/** CSS of a document: embedded font, the template's style sheet, and the branding colours. */
function documentCss(config: Config, templateCss: string): string {
  const { primary, accent } = config.branding.colours;
  return `${fontFaceCss()}\n${templateCss}\n:root{--primary:${primary};--accent:${accent};}`;
}

export interface RenderContext {
  config: Config;
  workspaceRoot: string;
  displayBase: string;
}

function templatesFor(kind: DocumentKind, ctx: RenderContext) {
  return loadTemplates(kind, overrideDir(ctx.workspaceRoot, ctx.config.document.templates), ctx.displayBase);
}

/** The strategic assessment (or its public summary) as HTML. */
export function renderAssessmentHtml(inputs: Omit<AssessmentInputs, 'css' | 'logo'>, ctx: RenderContext): string {
  const t = templatesFor('assessment', ctx);
  const logo = logoDataUri(ctx.config, ctx.workspaceRoot);
  return t.render(assessmentView({ ...inputs, css: documentCss(ctx.config, t.css), ...(logo ? { logo } : {}) }));
}

/** The public summary of the strategic assessment as HTML (its own template: templates/public/layout.hbs). */
export function renderPublicSummaryHtml(inputs: Omit<PublicInputs, 'css' | 'logo'>, ctx: RenderContext): string {
  const t = templatesFor('public', ctx);
  const logo = logoDataUri(ctx.config, ctx.workspaceRoot);
  return t.render(publicView({ ...inputs, css: documentCss(ctx.config, t.css), ...(logo ? { logo } : {}) }));
}

/** The quarterly performance report as HTML. */
export function renderReportHtml(inputs: Omit<ReportInputs, 'css'>, ctx: RenderContext): string {
  const t = templatesFor('report', ctx);
  return t.render(reportView({ ...inputs, css: documentCss(ctx.config, t.css) }));
}

/** The serious violence needs assessment as HTML (templates/needs/layout.hbs). */
export function renderNeedsHtml(inputs: Omit<NeedsInputs, 'css' | 'logo'>, ctx: RenderContext): string {
  const t = templatesFor('needs', ctx);
  const logo = logoDataUri(ctx.config, ctx.workspaceRoot);
  return t.render(needsView({ ...inputs, css: documentCss(ctx.config, t.css), ...(logo ? { logo } : {}) }));
}
