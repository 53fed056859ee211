/**
 * The analyst's Markdown as HTML (src/render/analyst-text.ts): hostile text is neutralised — tags escaped, no
 * script, no javascript:/data:/vbscript:/file: link, no image fetched from the network — comments vanish, and
 * headings sit under the section's own.
 */
import { describe, expect, it } from 'vitest';
import { renderAnalystMarkdown, stripComments } from '../../../src/render/analyst-text.js';

describe('renderAnalystMarkdown', () => {
  it('escapes raw HTML: a script, a style breaker and an event handler come out as text', () => {
    const html = renderAnalystMarkdown('Hello <script>alert(1)</script> </style><h1>x</h1> <img src=x onerror="alert(2)"> {{constructor}} &amp;')!;
    expect(html).not.toMatch(/<script|<img|<h1|<\/style/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    // Handlebars never sees this text as a template: it stays literal.
    expect(html).toContain('{{constructor}}');
    // An entity the analyst typed is kept as that character, escaped once.
    expect(html).toContain('&amp;');
  });

  it('makes no link to a javascript:, vbscript:, data: or file: address, however it is spelled', () => {
    const hostile = ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'file:///etc/passwd', 'jav&#x61;script:alert(1)'];
    for (const url of hostile) {
      const html = renderAnalystMarkdown(`[click](${url}) <${url}>`)!;
      expect(html, url).not.toMatch(/href="\s*(javascript|vbscript|data|file):/i);
      expect(html, url).not.toMatch(/<a /);
    }
  });

  it('keeps web, e-mail and in-document links, and prints an image as its alternative text, fetching nothing', () => {
    const html = renderAnalystMarkdown('[plan](#recommendations) [gov](https://www.gov.uk/) [mail](mailto:csp@example.org) ![logo](https://example.org/x.png)')!;
    expect(html).toContain('<a href="#recommendations">plan</a>');
    expect(html).toContain('<a href="https://www.gov.uk/">gov</a>');
    expect(html).toContain('<a href="mailto:csp@example.org">mail</a>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('example.org/x.png');
    expect(html).toContain(' logo</p>');
  });

  it('removes comments, and a file holding only a comment says nothing', () => {
    expect(renderAnalystMarkdown('<!-- What to write here -->\n\n')).toBeUndefined();
    expect(renderAnalystMarkdown('Kept <!-- hidden --> text')).toBe('<p>Kept  text</p>\n');
    expect(stripComments('a <!-- one\nline two --> b <!-- unclosed')).toBe('a  b <!-- unclosed');
  });

  it('moves headings down under the section heading, never below h6', () => {
    expect(renderAnalystMarkdown('# One\n## Two')).toBe('<h3>One</h3>\n<h4>Two</h4>\n');
    expect(renderAnalystMarkdown('# One\n#### Four', 5)).toBe('<h5>One</h5>\n<h6>Four</h6>\n');
  });
});
