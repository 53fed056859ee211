/**
 * Kind-level checks on rendered documents (issue 12): each catches a kind of slip, not one instance. Pure functions
 * of the HTML (and the JSON of the same run), so that they run on any output: they return the problems found, and
 * an empty list means the document passes. The expected values are worked out here from the HTML and JSON, never
 * taken from swp's own view models.
 */

/** The text a reader sees: tags dropped (an SVG's <title>/<desc> kept: they are the text alternative), entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<head[\s\S]*?<\/head>/g, ' ')
    // Inline elements run on with their neighbours ("<strong>Label</strong>: …"); every other tag breaks the text.
    .replace(/<\/?(?:strong|em|b|i|span|a|abbr|sup|sub|small)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** A short excerpt around a match, for the failure message. */
function around(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - 40), index + length + 40);
}

/** Patterns of an empty or broken placeholder: a value that was missing when the sentence was put together. */
const PLACEHOLDERS: { what: string; re: RegExp }[] = [
  { what: 'empty brackets', re: /\(\s*\)/g },
  { what: 'nothing before a closing bracket', re: /\b(?:than|of|to|and|from|in|by|at|is|was|between)\s+\)/g },
  { what: 'a range from a value to itself', re: /\bbetween (\S+) and \1(?![\d.,])/g },
  { what: 'a space before punctuation', re: /\w \s*[,.;:](?!\d)/g },
  { what: 'doubled spaces in a sentence', re: /\w {2,}\w/g },
  { what: 'undefined', re: /\bundefined\b/g },
  { what: 'NaN', re: /\bNaN\b/g },
  { what: 'null', re: /\bnull\b/g },
  { what: 'Infinity', re: /\bInfinity\b/g },
  { what: '[object Object]', re: /\[object \w+\]/g },
  { what: 'a rank as a bare number', re: /\branked \d+(?!\d|st|nd|rd|th)/g },
];

/** Empty placeholders in the visible text (the text is one line: whitespace was squashed). */
export function placeholderProblems(text: string): string[] {
  const out: string[] = [];
  for (const { what, re } of PLACEHOLDERS) {
    for (const m of text.matchAll(re)) out.push(`${what}: "…${around(text, m.index ?? 0, m[0].length)}…"`);
  }
  return out;
}

/**
 * Internal ids and repository paths in the visible text: the given ids (indicator and candidate ids from the config),
 * any id with a wildcard ("hidden.*"), dotted ids of the catalogue's shape (word.word-word, but not police.uk or a
 * web address), and file paths (data/…, src/…, a .md/.csv/.ts/.mjs/.yaml file name).
 */
export function idProblems(text: string, ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const re = new RegExp(`(?<![\\w./-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w/-])`, 'g');
    for (const m of text.matchAll(re)) out.push(`internal id "${id}": "…${around(text, m.index ?? 0, id.length)}…"`);
  }
  const patterns: { what: string; re: RegExp }[] = [
    { what: 'an id with a wildcard', re: /\b[a-z][a-z-]*\.\*/g },
    { what: 'a dotted id', re: /(?<![\w/.@])(?!police\.uk\b)(?!www\.)[a-z]+(?:-[a-z]+)*\.[a-z]+-[a-z-]+\b/g },
    { what: 'a repository path', re: /\b(?:data|src|templates|test|scripts|schema)\/[\w./-]+/g },
    { what: 'a file name', re: /\b[\w-]+\.(?:md|csv|ts|mjs|js|yaml|yml|json)\b/g },
  ];
  for (const { what, re } of patterns) for (const m of text.matchAll(re)) out.push(`${what}: "…${around(text, m.index ?? 0, m[0].length)}…"`);
  return out;
}

/** Every <figure> with a caption has a chart in it (an <svg> or an <img>). */
export function figureProblems(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<figure\b[\s\S]*?<\/figure>/g)) {
    const fig = m[0];
    const caption = /<figcaption>([\s\S]*?)<\/figcaption>/.exec(fig)?.[1];
    if (caption !== undefined && !/<svg\b|<img\b/.test(fig)) out.push(`figure "${visibleText(caption).trim()}" has no chart`);
  }
  return out;
}

/** The charts' value axes: a trend chart of a count ("reports") never draws England and Wales (a rate) on it. */
export function axisUnitProblems(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<svg\b[^>]*swp-chart-trend[\s\S]*?<\/svg>/g)) {
    const svg = m[0];
    const unit = /class="swp-axis-title"[^>]*>([^<]*)</.exec(svg)?.[1]?.trim();
    const title = /<title[^>]*>([^<]*)</.exec(svg)?.[1] ?? '';
    if (unit && !/^per |%/.test(unit) && /swp-national/.test(svg)) out.push(`"${title}": England and Wales (a rate) drawn on an axis of ${unit}`);
  }
  return out;
}

/** The fewest years a trend is stated from, as the Methods say it (a number word or a digit). */
export function methodsMinimumYears(text: string): number {
  const m = /Fewer than (\w+) years[^:]*: no trend is given/.exec(text);
  if (!m) throw new Error('the Methods do not state the minimum number of years for a trend');
  const words: Record<string, number> = { two: 2, three: 3, four: 4, five: 5 };
  return words[m[1]!] ?? Number(m[1]);
}

interface TrendIndicator {
  label: string;
  finding: string;
  trend: { points: { count: number | null; value: number | null }[]; direction: string } | null;
}

/** No long-term trend is stated (in a finding or a table cell) for an indicator with fewer years than the Methods allow. */
export function trendProblems(text: string, indicators: readonly TrendIndicator[], minimum: number): string[] {
  const out: string[] = [];
  for (const r of indicators) {
    const years = r.trend ? r.trend.points.filter((p) => p.count !== null && p.value !== null).length : 0;
    if (years >= minimum) continue;
    if (/long-term trend is (increasing|decreasing)/.test(r.finding)) out.push(`${r.label}: a trend stated from ${years} years (${r.finding})`);
    const row = new RegExp(`${r.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} [^]{0,300}?(Increasing|Decreasing) since`);
    const hit = row.exec(text);
    if (hit && !hit[0].includes('Too few years')) out.push(`${r.label}: a table says "${hit[1]} since" from ${years} years`);
  }
  return out;
}

/** The headline paragraph of the executive summary is not repeated as a key finding. */
export function headlineProblems(html: string): string[] {
  const section = /<h2 id="summary">[\s\S]*?(?=<h2 )/.exec(html)?.[0] ?? '';
  const headline = visibleText(/<p>([\s\S]*?)<\/p>/.exec(section)?.[1] ?? '').trim();
  const findings = [...section.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => visibleText(m[1]!).trim());
  return headline && findings.includes(headline) ? [`the headline is repeated as a key finding: "${headline.slice(0, 80)}…"`] : [];
}

/** The RAG counts at a glance ("g / a / r") equal the statuses drawn in the performance table. */
export function ragCountProblems(html: string): string[] {
  const glance = /<span class="figure">(\d+)\s*\/\s*(\d+)\s*\/\s*(\d+)<\/span>/.exec(html);
  if (!glance) return ['no green / amber / red figure at a glance'];
  const table = /<h2 id="performance">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  const n = (s: string) => [...table.matchAll(new RegExp(`class="rag ${s}"`, 'g'))].length;
  const want = [n('green'), n('amber'), n('red')];
  const got = [Number(glance[1]), Number(glance[2]), Number(glance[3])];
  return got.join('/') === want.join('/') ? [] : [`at a glance ${got.join(' / ')}, the table ${want.join(' / ')}`];
}

interface RagIndicator {
  id: string;
  label: string;
  unit: string;
  rag: { status: string; target: number | null };
}

/**
 * The same indicator has the same target status in the report and the assessment, and its target value is printed
 * in both (formatted here: one decimal, with % for proportions).
 */
export function targetProblems(assessment: readonly RagIndicator[], report: readonly RagIndicator[], assessmentText: string, reportText: string): string[] {
  const out: string[] = [];
  const inReport = new Map(report.map((r) => [r.id, r]));
  for (const a of assessment) {
    const r = inReport.get(a.id);
    if (!r) continue;
    if (a.rag.status !== r.rag.status) out.push(`${a.label}: ${a.rag.status} in the assessment, ${r.rag.status} in the report`);
    if (a.rag.target === null) continue;
    const t = `${a.rag.target.toFixed(1)}${a.unit.startsWith('%') ? '%' : ''}`;
    const re = new RegExp(`target ${t.replace('.', '\\.')}(?!\\d)`, 'i');
    if (!re.test(assessmentText)) out.push(`${a.label}: target ${t} not printed in the assessment`);
    if (!re.test(reportText)) out.push(`${a.label}: target ${t} not printed in the report`);
  }
  return out;
}

/** "No target" is written as words: no bare "None" in a table cell. */
export function noTargetProblems(html: string): string[] {
  return [...html.matchAll(/<span class="rag grey">\s*None\s*<\/span>/g)].length ? ['"None" where the words "No target" are meant'] : [];
}
