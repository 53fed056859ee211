/**
 * The demo's strategic assessment, its public summary and the 2016/17 Q3 performance report, rendered once with the
 * real Chromium (`swp assess … --public-summary`, `swp report --quarter 2016/17-Q3`, pdf + html + json) and read
 * back with poppler: tagged, A4, titled, the headings and a known figure (taken from the JSON of the same run) in
 * the text, bookmarks from the headings, the running header and footer, and a public summary with no partner-only
 * content.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEERS, demoViolence2016 } from '../../unit/analysis/demo-msg.js';
import {
  DEMO,
  demoConfig,
  explain,
  htmlHeadings,
  pdffonts,
  pdfinfo,
  pdfMarginText,
  pdfOutline,
  pdfPages,
  pdfText,
  pdfWords,
  shown,
  SLOW,
  squash,
  swp,
  temp,
  type RunResult,
  xmlText,
} from './support.js';

const config = demoConfig();
const PARTNERSHIP = config.partnership.name;
const MARKING = config.document.protectiveMarking ?? 'OFFICIAL';
const PRIORITY_HEADINGS = config.strategicPriorities.map((p) => `Priority: ${p.label}`);
const ASSESSMENT_HEADINGS = [
  'Executive summary',
  'Why we produce this assessment',
  `Crime and anti-social behaviour in ${config.area.name}`,
  'Where crime happens',
  'What happened to reported crimes',
  'Stop and search',
  ...PRIORITY_HEADINGS,
  'How we compare with similar partnerships',
  'Data quality and disclosure',
  'Methods',
  'Glossary',
];
const APPENDIX = 'Appendix: data tables';
const REPORT_HEADINGS = ['At a glance', 'Performance against last year', 'Exceptions', 'Monthly charts'];

interface Indicator {
  id: string;
  count: number | null;
  value: number | null;
}
interface AssessmentJson {
  partnership: { name: string };
  period: { label: string };
  indicators: Indicator[];
  stopSearch?: {
    searches: number | null;
    byEthnicity: Array<{ group: string; rateRatio: number | null; rateRatioCi95: [number, number] | null }>;
    byOfficerEthnicity?: Array<{ group: string; rateRatio: number | null; rateRatioCi95: [number, number] | null }> | null;
  } | null;
  outcomes?: Array<{ crimeType: string; total: number | null; charged: { share: number | null }; force: { charged: { share: number | null } }; comparison: { restOfForceShare: number } | null }> | null;
  outcomesInfo?: { recent: { total: number | null; open: { count: number | null } } } | null;
}
interface ReportJson {
  partnership: { name: string };
  indicators: Indicator[];
  rows: Array<{ id: string; quarter: { count: number | null }; yearToDate: { count: number | null } }>;
}

const en = (n: number) => n.toLocaleString('en-GB');

interface Doc {
  key: 'assessment' | 'public' | 'report';
  file: string;
  title: () => string;
  minPages: number;
  headings: string[];
  /** Figures that must appear in the text, formatted as a reader sees them, from the JSON of the same run. */
  figures: () => Array<{ what: string; text: string }>;
}

let out: string;
let assessment: AssessmentJson;
let report: ReportJson;
const runs: Record<string, RunResult> = {};

function indicator(list: Indicator[], id: string): Indicator {
  const found = list.find((i) => i.id === id);
  if (!found) throw new Error(`indicator ${id} is not in the JSON`);
  return found;
}

function assessmentFigures(): Array<{ what: string; text: string }> {
  const violence = indicator(assessment.indicators, 'recorded-crime.violence-and-sexual-offences');
  const all = indicator(assessment.indicators, 'recorded-crime.all');
  return [
    { what: 'violence and sexual offences, count', text: en(violence.count!) },
    { what: 'all recorded crime, rate per 1,000 (1 dp)', text: all.value!.toFixed(1) },
    { what: 'all recorded crime, count', text: en(all.count!) },
  ];
}

const DOCS: Doc[] = [
  {
    key: 'assessment',
    file: 'assessment-2016-17',
    title: () => `Strategic assessment ${assessment.period.label}: ${assessment.partnership.name}`,
    minPages: 11,
    headings: [...ASSESSMENT_HEADINGS, APPENDIX],
    figures: assessmentFigures,
  },
  {
    key: 'public',
    file: 'assessment-2016-17-public',
    title: () => `Strategic assessment ${assessment.period.label}, public summary: ${assessment.partnership.name}`,
    // Its own plain-English template (templates/public): 2 to 4 pages, with the headline figures of all crime.
    minPages: 2,
    headings: ['About this summary', 'What we found', 'What you told us', 'What we will focus on in 2017/18', 'How you can help'],
    figures: () => assessmentFigures().filter((f) => f.what.startsWith('all recorded crime')),
  },
  {
    key: 'report',
    file: 'report-2016-17-Q3',
    title: () => `Performance report 2016/17-Q3: ${report.partnership.name}`,
    minPages: 2,
    headings: REPORT_HEADINGS,
    figures: () => {
      const row = report.rows.find((r) => r.id === 'recorded-crime.all');
      if (!row) throw new Error('recorded-crime.all is not in the report rows');
      return [
        { what: 'all recorded crime, this quarter', text: en(row.quarter.count!) },
        { what: 'all recorded crime, year to date', text: en(row.yearToDate.count!) },
      ];
    },
  },
];

const pdf = (d: Doc) => join(out, `${d.file}.pdf`);
const html = (d: Doc) => readFileSync(join(out, `${d.file}.html`), 'utf8');

beforeAll(async () => {
  out = temp('swp-readback-');
  runs.assess = await swp(['assess', '-w', DEMO, '--out', out, '--format', 'pdf,html,json', '--date', '2017-06-30', '--public-summary']);
  expect(runs.assess.code, explain(runs.assess)).toBe(0);
  runs.report = await swp(['report', '-w', DEMO, '--out', out, '--quarter', '2016/17-Q3', '--format', 'pdf,html,json', '--date', '2017-01-31']);
  expect(runs.report.code, explain(runs.report)).toBe(0);
  assessment = JSON.parse(readFileSync(join(out, 'assessment-2016-17.json'), 'utf8'));
  report = JSON.parse(readFileSync(join(out, 'report-2016-17-Q3.json'), 'utf8'));
  console.info(`render times: assess (full + public summary, pdf+html+json) ${(runs.assess.ms / 1000).toFixed(1)} s; report ${(runs.report.ms / 1000).toFixed(1)} s`);
}, SLOW);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe.each(DOCS.map((d) => [d.file, d] as const))('%s.pdf read back with poppler', (_, doc) => {
  it('is tagged, A4, titled, and has a sensible number of pages', () => {
    const info = pdfinfo(pdf(doc));
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe(doc.title());
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(doc.minPages);
    expect(Number(info.Pages)).toBeLessThan(200);
    const size = /^([\d.]+) x ([\d.]+) pts/.exec(info['Page size'] ?? '');
    expect(size, `Page size: ${info['Page size']}`).not.toBeNull();
    expect(Math.floor(Number(size![1]))).toBe(595);
    expect(Math.floor(Number(size![2]))).toBe(841);
    expect(info['Page size']).toContain('(A4)');
  });

  it('embeds every font it uses, all of them the documents\' own Source Sans 3 (the running header and footer too)', () => {
    const fonts = pdffonts(pdf(doc));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.map((f) => f.name).filter((n) => !n.startsWith('SourceSans3'))).toEqual([]);
  });

  it('has the same title in the PDF and the HTML <title>', () => {
    const htmlTitle = /<title>([^<]*)<\/title>/.exec(html(doc))?.[1];
    expect(xmlText(squash(htmlTitle ?? ''))).toBe(pdfinfo(pdf(doc)).Title);
  });

  it('has the main headings in its text', () => {
    const text = pdfText(pdf(doc));
    const missing = doc.headings.filter((h) => !text.includes(h));
    expect(missing, `headings not found in the text of ${shown(pdf(doc))}`).toEqual([]);
  });

  it('fills every number into its sentence: no "(fewer than )" with the threshold missing', () => {
    const text = pdfText(pdf(doc)).replace(/\s+/g, ' ');
    expect(text).not.toMatch(/fewer than \)/);
    // The demo's threshold is 5 (counts of 1 to 4 are not shown): where the [c] note is printed, it says so.
    if (text.includes('[c] not shown to protect people who could be identified (')) expect(text).toContain('could be identified (fewer than 5)');
  });

  it('shows known figures from the JSON written by the same run', () => {
    const text = pdfText(pdf(doc));
    for (const f of doc.figures()) expect(text, `${f.what} (${f.text})`).toContain(f.text);
  });

  it('has bookmarks for the section headings', () => {
    const outline = pdfOutline(pdf(doc));
    const pages = Number(pdfinfo(pdf(doc)).Pages);
    expect(outline.length).toBeGreaterThan(doc.headings.length - 1);
    const titles = outline.map((o) => squash(o.title));
    const missing = doc.headings.filter((h) => !titles.includes(h));
    expect(missing, `bookmarks: ${JSON.stringify(titles)}`).toEqual([]);
    for (const o of outline) {
      expect(o.page, o.title).toBeGreaterThanOrEqual(1);
      expect(o.page, o.title).toBeLessThanOrEqual(pages);
    }
    // Nested: the h2 sections sit under the document's h1.
    expect(Math.max(...outline.map((o) => o.depth))).toBeGreaterThan(1);
  });

  // Chromium builds a bookmark's title from the heading's laid-out text fragments, so
  //  - a heading that wraps loses the space at the line break: "Community safety strategicassessment" (assessment
  //    and public summary h1), "Performance report: 2016/17 Q3 (October toDecember 2016)" (report h1);
  //  - a heading pushed from the foot of one page to the top of the next is counted twice: "Recommended
  //    prioritiesRecommended priorities" (h3), "Violence and sexual offencesViolence and sexual offences" (report
  //    exception h3) — which ones depends on where the pages break.
  // Measured fix in templates/shared/style.css: `h1, h2, h3, h4 { white-space: pre-wrap; overflow: hidden; }`
  // (pre-wrap keeps the space at a soft wrap; overflow: hidden stops the second fragment). With it every bookmark
  // of the demo assessment equals its heading.
  it('has bookmark titles that are exactly the headings (no words run together, no repeats)', () => {
    const headings = new Set(htmlHeadings(html(doc)).map((h) => h.text));
    const wrong = pdfOutline(pdf(doc))
      .map((o) => o.title)
      .filter((t) => !headings.has(squash(t)));
    expect(wrong, `bookmark titles that are not the text of any heading: ${JSON.stringify(wrong)}`).toEqual([]);
  });

  it('prints the partnership and the protective marking at the top, and the marking and "Page X of N" at the foot, of every page', () => {
    const n = Number(pdfinfo(pdf(doc)).Pages);
    expect(pdfPages(pdf(doc))).toHaveLength(n);
    for (let page = 1; page <= n; page += 1) {
      const where = `page ${page} of ${shown(pdf(doc))}`;
      const header = pdfMarginText(pdf(doc), page, 'header');
      const footer = pdfMarginText(pdf(doc), page, 'footer');
      expect(header, `${where}, header`).toContain(PARTNERSHIP);
      expect(header, `${where}, header`).toMatch(new RegExp(`\\b${MARKING}\\b`));
      expect(footer, `${where}, footer`).toMatch(new RegExp(`\\b${MARKING}\\b`));
      expect(footer, `${where}, footer`).toContain(`Page ${page} of ${n}`);
    }
  });
});

describe('the public summary', () => {
  const publicDoc = DOCS[1]!;
  const fullDoc = DOCS[0]!;

  it('has no appendix (heading, contents entry or bookmark)', () => {
    expect(pdfText(pdf(fullDoc))).toContain(APPENDIX);
    expect(pdfText(pdf(publicDoc))).not.toContain(APPENDIX);
    expect(pdfOutline(pdf(publicDoc)).map((o) => o.title)).not.toContain(APPENDIX);
    expect(html(publicDoc)).not.toContain('Appendix');
  });

  it('names none of the plan owners that the full assessment names', () => {
    const rows = parseCsv(readFileSync(join(DEMO, 'workspace/plan-review.csv')), { columns: true, bom: true }) as Array<{ owner: string }>;
    // Owners that are also public partnership roles (a priority's lead, the force) may rightly appear in the summary.
    const publicNames = new Set([config.area.force, ...config.strategicPriorities.map((p) => p.lead)].filter(Boolean));
    const owners = [...new Set(rows.map((r) => r.owner.trim()))].filter((o) => !publicNames.has(o));
    const fullText = squash(html(fullDoc).replace(/<[^>]+>/g, ' '));
    const fullPdf = pdfText(pdf(fullDoc));
    const named = owners.filter((o) => fullText.includes(o));
    expect(named.length, 'the full assessment should name the plan owners').toBeGreaterThan(3);
    // PDF text of a table cell can wrap across lines (collapsed here) or interleave with a neighbour cell, so the
    // HTML is the exact check and the PDF the reader-facing one.
    expect(named.filter((o) => fullPdf.includes(o)).length).toBeGreaterThan(3);
    const publicText = squash(html(publicDoc).replace(/<[^>]+>/g, ' '));
    const publicPdf = pdfText(pdf(publicDoc));
    expect(named.filter((o) => publicText.includes(o) || publicPdf.includes(o))).toEqual([]);
  });

  // Issue 5 asks for "a shorter public summary". Today it is about as long as the full assessment (26 pages
  // against 25 on the demo) because it has the same sections and figures without the appendix, and because the
  // full assessment is printed shrunk to 91% (see "prints every page at 100%" below) while the summary is not.
  // Fix the shrink first; then the summary is shorter by the appendix — whether it should be a real summary (a few
  // pages: summary, priorities, residents' views) is a product decision for src/render/assessment-view.ts.
  it('is shorter than the full assessment', () => {
    expect(Number(pdfinfo(pdf(publicDoc)).Pages)).toBeLessThan(Number(pdfinfo(pdf(fullDoc)).Pages));
  });
});

describe('print scale', () => {
  /** The left edge of the body text on the first pages (the header and footer, printed by Chromium in the margins, aside). */
  function leftEdge(path: string): number {
    const xs: number[] = [];
    for (let page = 1; page <= 3; page += 1) {
      for (const w of pdfWords(path, page)) if (w.yMin > 70 && w.yMax < 770) xs.push(w.xMin);
    }
    return Math.min(...xs);
  }

  // Every page prints at 100%: no table is wider than the page (once the appendix table, 740 CSS px where A4 has
  // 673 px between the margins, made Chromium shrink every page of the assessment to 91.5%).
  it('prints every page at 100%: the body text starts at the same left edge in all three documents', () => {
    const edges = DOCS.map((d) => ({ doc: d.file, x: Math.round(leftEdge(pdf(d)) * 10) / 10 }));
    const [first] = edges;
    for (const e of edges) expect(e.x, JSON.stringify(edges)).toBeCloseTo(first!.x, 0);
  });

  // The same cause seen from the CSS: templates/shared/style.css sets `@page { margin: 22mm 16mm 20mm 16mm }`,
  // which Chromium prefers to the 20/18/20/18 mm that src/pdf/print.ts passes (DEFAULT_MARGIN), so the body is
  // 2 mm wider on each side than the running header and footer (padded 18 mm in src/pdf/header-footer.ts) and
  // the two do not line up: body text at 45.7 pt, footer text at 51.0 pt. Fix: one set of margins — drop the
  // @page margin from the style sheet (print.ts owns them) or make both 18 mm.
  it('lines the body text up with the running footer (one set of page margins)', () => {
    const d = DOCS[2]!; // the report: printed at 100%
    const footerLeft = Math.min(...pdfWords(pdf(d), 1).filter((w) => w.yMin > 785).map((w) => w.xMin));
    expect(leftEdge(pdf(d))).toBeCloseTo(footerLeft, 0);
  });
});

describe('the most similar group chart of violence, read back from the PDF', () => {
  // Expected figures from an independent count of the demo's Home Office table and population file.
  it('prints its caption, every member with its rate, the partnership marked "(us)", and the sentence with its rank', () => {
    const path = pdf(DOCS[0]!);
    const text = squash(pdfText(path));
    const members = demoViolence2016();
    const ours = members.get('Castlebridge')!;
    const peers = DEMO_PEERS.map((p) => members.get(p)!);
    const caption = 'Violence and sexual offences: Castlebridge and its most similar partnerships, 2016/17';
    expect(text).toContain(caption);
    expect(text).toContain('Castlebridge (us)');
    // The violence chart is the left one of its row: each member's name with its rate on the same line, left half.
    const page = 1 + pdfPages(path).findIndex((p) => squash(p).includes('Castlebridge and its most similar partnerships'));
    const words = pdfWords(path, page).filter((w) => w.xMax < 300);
    for (const m of [ours, ...peers]) {
      const last = m.name.split(' ').pop()!;
      const rate = m.rate.toFixed(1);
      const found = words.some((w) => w.text === last && words.some((v) => v.text === rate && Math.abs(v.yMin - w.yMin) < 3 && v.xMin > w.xMax));
      expect(found, `${m.name} with ${rate} on page ${page}`).toBe(true);
    }
    const rank = 1 + peers.filter((p) => p.rate < ours.rate).length;
    const nth = `${rank}${rank === 1 ? 'st' : rank === 2 ? 'nd' : rank === 3 ? 'rd' : 'th'}`;
    expect(text).toContain(`Castlebridge had the ${nth} lowest rate of violence and sexual offences of ${peers.length + 1} partnerships`);
  });
});

describe('the stop and search section read back from the PDF', () => {
  it('says how many searches there were and how many times as likely a Black resident was to be searched, with the interval from the JSON', () => {
    const s = assessment.stopSearch!;
    const black = s.byEthnicity.find((e) => e.group === 'Black')!;
    const text = pdfText(join(out, 'assessment-2016-17.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain(`carried out ${en(s.searches!)} stop and searches in ${config.area.name}`);
    const [lo, hi] = black.rateRatioCi95!;
    expect(text).toContain(`was ${black.rateRatio!.toFixed(1)} times as likely to be stopped and searched as a White resident (95% interval ${lo.toFixed(1)} to ${hi.toFixed(1)} times)`);
    const officer = s.byOfficerEthnicity!.find((e) => e.group === 'Black')!;
    const [olo, ohi] = officer.rateRatioCi95!;
    expect(text).toContain(`By the ethnicity the officer recorded, the figure was ${officer.rateRatio!.toFixed(1)} times (95% interval ${olo.toFixed(1)} to ${ohi.toFixed(1)} times)`);
    expect(text).toContain('It has no Mixed group, so Mixed residents are left out of it.');
    expect(text).toContain('self-defined');
    expect(text).toContain('2021 Census');
    expect(text).toContain('Stop and search rate by ethnic group, compared with White residents');
  });
});

describe('the outcomes section read back from the PDF', () => {
  it("gives the share of crimes charged or summonsed and the settling note with the JSON's figures, and the chart", () => {
    const all = assessment.outcomes![0]!;
    const recent = assessment.outcomesInfo!.recent;
    const text = pdfText(join(out, 'assessment-2016-17.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain(`Of the ${en(all.total!)} crimes recorded in ${config.area.name} in 2016/17 that have an outcome on police.uk, ${all.charged.share!.toFixed(1)}% had been charged or summonsed`);
    expect(text).toContain(`Across Midshire Police the charge or summons share was ${all.force.charged.share!.toFixed(1)}%, and ${all.comparison!.restOfForceShare.toFixed(1)}% in the rest of the force`);
    expect(text).toContain(`${en(recent.open.count!)} of the ${en(recent.total!)} crimes recorded in ${config.area.name} from January 2017 to March 2017`);
    expect(text).toContain('Outcomes settle over months');
    expect(text).toContain('Crimes charged or summonsed, by crime type');
  });
});
