/**
 * The analyst's Markdown (src/ingest/analyst-text.ts) as HTML for the templates. This is the one place where text
 * from the workspace becomes markup, so it is rendered with markdown-it with raw HTML off: a `<script>` or any
 * other tag is escaped and printed as text, links with a javascript:, vbscript:, file: or data: address are not
 * made (markdown-it's `validateLink`), and an image is replaced by its alternative text (a document must need nothing from the network).
 * HTML comments are removed first: the empty files `swp init` writes hold a one-line comment saying what to write.
 * Headings are moved down so that the analyst's "#" sits under the section's own heading.
 */
import MarkdownIt from 'markdown-it';
import type { AnalystFile } from '../ingest/analyst-text.js';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
// An image prints as its alternative text: a document fetches nothing from the network, and says what was meant.
md.renderer.rules.image = (tokens, idx, options, env, self) => md.utils.escapeHtml(self.renderInlineAsText(tokens[idx]!.children ?? [], options, env));
// An allow-list on top of markdown-it's own block-list: web, e-mail and telephone addresses, and relative links.
const markdownItLink = md.validateLink.bind(md);
md.validateLink = (url: string) => markdownItLink(url) && (!/^[a-z][a-z0-9+.-]*:/i.test(url.trim()) || /^(https?|mailto|tel):/i.test(url.trim()));

/** Heading levels are moved down by env.headingBase - 1, never below <h6>. */
md.core.ruler.push('swp_heading_base', (state) => {
  const base = (state.env as { headingBase?: number }).headingBase ?? 3;
  for (const t of state.tokens) {
    if (t.type === 'heading_open' || t.type === 'heading_close') t.tag = `h${Math.min(6, Number(t.tag.slice(1)) + base - 1)}`;
  }
  return true;
});

/** Markdown without its HTML comments (an unclosed "<!--" stays, and is escaped like any other text). */
export function stripComments(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?-->/g, '');
}

/**
 * Safe HTML for a piece of the analyst's Markdown, or undefined when there is nothing but comments and blank lines
 * (so the document falls back to its own words).
 *
 * @param headingBase  the level a "#" heading becomes (3 under a section's <h2>)
 */
export function renderAnalystMarkdown(markdown: string, headingBase = 3): string | undefined {
  const text = stripComments(markdown);
  if (text.trim() === '') return undefined;
  return md.render(text, { headingBase });
}

/** The HTML of a file of the analyst's text, if the file exists and says something. */
export function analystHtml(file: AnalystFile | undefined, headingBase = 3): string | undefined {
  return file ? renderAnalystMarkdown(file.markdown, headingBase) : undefined;
}
