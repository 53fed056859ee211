/**
 * The running header and footer Chromium prints in the page margins. They are small separate documents: page styles
 * and fonts do not reach them, scripts do not run, and Chromium fills the elements with the classes `pageNumber` and
 * `totalPages`. The protective marking (Government Security Classifications: e.g. OFFICIAL, OFFICIAL-SENSITIVE)
 * is printed centred at the top and the bottom of every page, as the classification policy asks.
 */

/** What the header and footer show. All of it is text (escaped here), never markup. */
export interface HeaderFooterContent {
  /** The partnership's name, top left. */
  partnership?: string;
  /** The protective marking, top and bottom centre, e.g. `OFFICIAL`. */
  marking?: string;
  /** The document's title, bottom left. */
  title?: string;
  /** A CSS font-family list for the header and footer (default a system sans-serif). */
  fontFamily?: string;
  /** Extra CSS for both, e.g. an `@font-face` with a `data:` URL (the page's own fonts are not visible here). */
  css?: string;
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Strip characters that would end a `<style>` element from CSS supplied by code. */
function safeCss(css: string): string {
  return css.replace(/<\/?style/gi, '');
}

function frame(content: HeaderFooterContent, cells: [string, string, string], oneLine = false): string {
  const font = content.fontFamily ?? "'Liberation Sans', Arial, Helvetica, sans-serif";
  // Chromium's default font size in these templates is unreadably small and their margins are 0: set both.
  return [
    `<style>${safeCss(content.css ?? '')}`,
    `.swp-hf{box-sizing:border-box;width:100%;padding:0 18mm;font-family:${font.replace(/[;{}<>]/g, '')};font-size:8pt;color:#222;`,
    'display:grid;grid-template-columns:1fr auto 1fr;gap:4mm;align-items:baseline;-webkit-print-color-adjust:exact}',
    // The footer is one line: a cell too long for its third of the line ends in an ellipsis rather than wrapping.
    // Chromium lays the header and footer out in one document, so the rule names the footer's own class.
    oneLine ? '.swp-foot{grid-template-columns:minmax(0,1fr) auto minmax(0,1fr)}.swp-foot span{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}' : '',
    '.swp-hf .l{text-align:left}.swp-hf .c{text-align:center;font-weight:bold;letter-spacing:.05em}.swp-hf .r{text-align:right}',
    '</style>',
    `<div class="swp-hf${oneLine ? ' swp-foot' : ''}"><span class="l">${cells[0]}</span><span class="c">${cells[1]}</span><span class="r">${cells[2]}</span></div>`,
  ].join('');
}

/** The header: partnership name left, protective marking centre. */
export function headerTemplate(content: HeaderFooterContent): string {
  return frame(content, [escapeHtml(content.partnership ?? ''), escapeHtml(content.marking ?? ''), '']);
}

/**
 * The title as the footer shows it: without the partnership's name when the header already prints it
 * ("Strategic assessment 2016/17: Castlebridge CSP" → "Strategic assessment 2016/17"), so the footer is one line.
 */
function footerTitle(content: HeaderFooterContent): string {
  const title = (content.title ?? '').trim();
  const name = (content.partnership ?? '').trim();
  if (name === '') return title;
  for (const sep of [': ', ' - ', ' – ', ' — ', ', ']) {
    if (title.endsWith(`${sep}${name}`) && title.length > name.length + sep.length) return title.slice(0, -(name.length + sep.length)).trim();
  }
  return title;
}

/** The footer: title left, protective marking centre, "Page X of Y" right; one line. */
export function footerTemplate(content: HeaderFooterContent): string {
  return frame(content, [
    escapeHtml(footerTitle(content)),
    escapeHtml(content.marking ?? ''),
    'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
  ], true);
}
