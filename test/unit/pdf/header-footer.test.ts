/** The running header and footer: text is escaped, Chromium's page-number classes are present. */
import { describe, expect, it } from 'vitest';
import { escapeHtml, footerTemplate, headerTemplate } from '../../../src/pdf/header-footer.js';

describe('header and footer templates', () => {
  const content = { partnership: 'Barking & Dagenham <script>x</script>', marking: 'OFFICIAL-SENSITIVE', title: 'Strategic "assessment" {{x}}' };

  it('shows partnership and marking in the header, escaped', () => {
    const h = headerTemplate(content);
    expect(h).toContain('Barking &amp; Dagenham &lt;script&gt;x&lt;/script&gt;');
    expect(h).not.toContain('<script>');
    expect(h).toContain('OFFICIAL-SENSITIVE');
  });

  it('shows title, marking and "Page X of Y" in the footer', () => {
    const f = footerTemplate(content);
    expect(f).toContain('Strategic &quot;assessment&quot; {{x}}');
    expect(f).toContain('OFFICIAL-SENSITIVE');
    expect(f).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
  });

  it('sets a readable font size (Chromium defaults to a tiny one)', () => {
    expect(headerTemplate({})).toMatch(/font-size:8pt/);
  });

  it('text that looks like a page-number span stays text', () => {
    expect(headerTemplate({ partnership: '<span class="pageNumber"></span>' })).not.toContain('<span class="pageNumber">');
    expect(escapeHtml(`a'b`)).toBe('a&#39;b');
  });
});

describe('one-line footer', () => {
  it('leaves out the partnership name the header already prints', () => {
    const f = footerTemplate({ partnership: 'Castlebridge CSP', title: 'Strategic assessment 2016/17: Castlebridge CSP' });
    expect(f).toContain('>Strategic assessment 2016/17<');
    expect(f).not.toContain('Castlebridge');
  });

  it('keeps a title that does not end with the name, and never wraps a footer cell', () => {
    const f = footerTemplate({ partnership: 'Castlebridge CSP', title: 'Castlebridge CSP' });
    expect(f).toContain('>Castlebridge CSP<');
    expect(f).toMatch(/white-space:nowrap/);
    // Chromium lays the header and footer out in one document: the footer's rule must not reach the header.
    expect(f).toMatch(/\.swp-foot span\{white-space:nowrap/);
    expect(f).toContain('class="swp-hf swp-foot"');
    expect(headerTemplate({ partnership: 'x' })).not.toMatch(/white-space:nowrap|swp-foot"/);
  });
});
