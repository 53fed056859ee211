/**
 * Kind-level checks on the demo's rendered documents (issue 12): the strategic assessment, its public summary and
 * the 2016/17 Q4 report, as HTML with the JSON of the same run (no browser needed: the PDF prints this HTML). Each
 * check catches a kind of slip (./content-checks.ts): empty placeholders, internal ids and paths, figures without a
 * chart, two units on one axis, trends from too few years, the headline repeated, RAG counts and targets that
 * disagree between page 1, the tables and the two documents.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  axisUnitProblems,
  figureProblems,
  headlineProblems,
  idProblems,
  methodsMinimumYears,
  noTargetProblems,
  placeholderProblems,
  ragCountProblems,
  targetProblems,
  trendProblems,
  visibleText,
} from './content-checks.js';
import { parse as parseYaml } from 'yaml';
import { DEMO, explain, SLOW, swp, temp } from './support.js';

interface Indicator {
  id: string;
  label: string;
  unit: string;
  finding: string;
  comparison: string;
  polarity: string;
  rag: { status: string; target: number | null };
  trend: { points: { count: number | null; value: number | null }[]; direction: string } | null;
}

const config = parseYaml(readFileSync(join(DEMO, 'swp.config.yaml'), 'utf8')) as {
  indicators: { id: string }[];
  strategicPriorities: { id: string; label: string; indicators: string[] }[];
};
let out: string;
const html: Record<'assessment' | 'public' | 'report', string> = { assessment: '', public: '', report: '' };
let assessment: { indicators: Indicator[] };
let report: { indicators: Indicator[] };

beforeAll(async () => {
  out = temp('swp-content-');
  const a = await swp(['assess', '-w', DEMO, '--out', out, '--format', 'html,json', '--date', '2017-06-30', '--public-summary']);
  expect(a.code, explain(a)).toBe(0);
  const r = await swp(['report', '-w', DEMO, '--out', out, '--format', 'html,json', '--date', '2017-06-30', '--quarter', '2016/17-Q4']);
  expect(r.code, explain(r)).toBe(0);
  html.assessment = readFileSync(join(out, 'assessment-2016-17.html'), 'utf8');
  html.public = readFileSync(join(out, 'assessment-2016-17-public.html'), 'utf8');
  html.report = readFileSync(join(out, 'report-2016-17-Q4.html'), 'utf8');
  assessment = JSON.parse(readFileSync(join(out, 'assessment-2016-17.json'), 'utf8'));
  report = JSON.parse(readFileSync(join(out, 'report-2016-17-Q4.json'), 'utf8'));
}, SLOW);

/** Every id the config gives to an indicator, a candidate or a priority: none belongs in a reader's text. */
function configIds(): string[] {
  const ids = new Set<string>();
  for (const i of config.indicators) ids.add(i.id);
  for (const p of config.strategicPriorities) {
    ids.add(p.id);
    for (const i of p.indicators) ids.add(i);
  }
  // Single-word ids ("violence", "drugs") are ordinary words in the text: only ids with a dot or hyphen are looked for.
  return [...ids].filter((id) => /[.-]/.test(id));
}

describe.each(['assessment', 'public', 'report'] as const)('the %s', (doc) => {
  it('has no empty placeholder in its text', () => {
    expect(placeholderProblems(visibleText(html[doc]))).toEqual([]);
  });
  it('has no internal id or file path in its text', () => {
    expect(idProblems(visibleText(html[doc]), configIds())).toEqual([]);
  });
  it('has a chart in every captioned figure', () => {
    expect(figureProblems(html[doc])).toEqual([]);
  });
  it('never draws two units on one axis', () => {
    expect(axisUnitProblems(html[doc])).toEqual([]);
  });
  it('writes "no target" as words', () => {
    expect(noTargetProblems(html[doc])).toEqual([]);
  });
});

describe('the strategic assessment', () => {
  it('states no long-term trend from fewer years than its Methods say', () => {
    const text = visibleText(html.assessment);
    const minimum = methodsMinimumYears(text);
    expect(minimum).toBe(3);
    expect(trendProblems(text, assessment.indicators, minimum)).toEqual([]);
  });

  it('does not repeat its headline as a key finding', () => {
    expect(headlineProblems(html.assessment)).toEqual([]);
  });

  it('compares offences found by police activity without "better" or "worse", and says why', () => {
    // police.uk "Drugs" and "Possession of weapons" (the Home Office groups are allocated to the same categories).
    const proactive = assessment.indicators.filter((i) => ['recorded-crime.drugs', 'recorded-crime.possession-of-weapons'].includes(i.id));
    expect(proactive).toHaveLength(2);
    for (const i of proactive) {
      expect(['better', 'worse']).not.toContain(i.comparison);
      expect(i.finding).not.toMatch(/(better|worse) than/);
    }
    const text = visibleText(html.assessment);
    expect(text).not.toMatch(/Drug offences[^.]*significantly worse/);
    expect(text).toMatch(/found by police activity/);
  });

  it('prints count intervals as whole numbers and rates with their decimal', () => {
    const text = visibleText(html.assessment);
    for (const i of assessment.indicators) {
      const ci = (i as unknown as { ci95: [number, number] | null }).ci95;
      if (!ci || (i as unknown as { suppressed: boolean }).suppressed) continue;
      const one = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      const whole = (x: number) => Math.round(x).toLocaleString('en-GB');
      if (i.unit === 'reports') {
        expect(text, i.label).not.toContain(`${one(ci[0])} to ${one(ci[1])}`);
        expect(text, i.label).toContain(`${whole(ci[0])} to ${whole(ci[1])}`);
      } else if (!i.unit.startsWith('%')) {
        expect(text, i.label).toContain(`${one(ci[0])} to ${one(ci[1])}`);
      }
    }
  });

  it('writes a proportion\'s change in percentage points, in the tables as in the text', () => {
    const text = visibleText(html.assessment);
    const adult = assessment.indicators.find((i) => i.id === 'reoffending.adult') as unknown as { value: number; previous: { value: number }; change: { percent: number } };
    const points = Math.round((adult.value - adult.previous.value) * 10) / 10;
    expect(text).toContain(`${points.toFixed(1)} percentage points`);
    expect(text).toContain(`+${points.toFixed(1)} pp`);
    expect(text).not.toMatch(new RegExp(`Adult proven reoffending [^A-Z]*\\+${Math.round(adult.change.percent)}%`));
  });

  it('explains how the current priorities and the recommended ones differ', () => {
    const text = visibleText(html.assessment);
    const current = config.strategicPriorities.map((p) => p.label);
    expect(text).toContain(`current strategic priorities, set in its plan: ${current[0]}, ${current[1]} and ${current[2]}`);
    // The demo's current priority that the scoring does not put in its top three is named with its rank.
    expect(text).toMatch(/Reducing Reoffending is a current priority but is ranked \d+(st|nd|rd|th)/);
    expect(text).toMatch(/Anti-social behaviour is recommended but is not a current priority/);
  });

  it('reads ranks as words ("ranked 1st under every weighting tried")', () => {
    expect(visibleText(html.assessment)).toMatch(/ranked 1st under every weighting tried/);
  });
});

describe('targets and RAG in both documents', () => {
  it('counts green, amber and red at a glance from the statuses in the table', () => {
    expect(ragCountProblems(html.report)).toEqual([]);
  });

  it('gives an indicator the same status in the report and the assessment, and prints its target', () => {
    expect(targetProblems(assessment.indicators, report.indicators, visibleText(html.assessment), visibleText(html.report))).toEqual([]);
    // The demo sets three targets; the adult reoffending one is judged on 2015/16 in both (published a year later).
    const adult = report.indicators.find((i) => i.id === 'reoffending.adult')!;
    expect(adult.rag.status).toBe(assessment.indicators.find((i) => i.id === 'reoffending.adult')!.rag.status);
    expect(adult.rag.status).not.toBe('grey');
  });
});
