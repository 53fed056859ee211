/**
 * The analyst's voice in the views (src/render/assessment-voice.ts, report-voice.ts, public-view.ts): the draft
 * action plan without a workspace plan, the partnership's plan with it, indicator commentary under the first
 * table that shows it, the report's "to be agreed" words, and a public summary without owners or methods.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/model/config.js';
import type { Assessment } from '../../../src/model/contract.js';
import { assessmentVoice, voiceContents } from '../../../src/render/assessment-voice.js';
import { exceptionVoice, reportCommentary } from '../../../src/render/report-voice.js';
import { publicView } from '../../../src/render/public-view.js';

const config = configSchema.parse({
  version: 1,
  partnership: { name: 'Testham CSP' },
  area: { name: 'Testham', code: 'E08000001' },
  inputs: { population: ['population'] },
  strategicPriorities: [{ id: 'violence-prevention', label: 'Violence Prevention', lead: 'Chief Inspector Jane Doe', indicators: ['recorded-crime.burglary'] }],
  priorities: {
    candidates: [
      { id: 'violence', label: 'Violence', indicators: ['recorded-crime.violence-and-sexual-offences'] },
      { id: 'asb', label: 'Anti-social behaviour', indicators: ['anti-social-behaviour'] },
    ],
  },
});

const ind = (id: string, label: string, group: string) => ({ id, label, group, unit: 'crimes', value: null, count: 100, suppressed: false, trend: null, change: null, national: null });
const assessment = {
  period: { start: '2016-04-01', end: '2017-03-31', label: '2016/17' },
  dataAsAt: '2017-06-30',
  partnership: { name: 'Testham CSP' },
  indicators: [ind('recorded-crime.violence-and-sexual-offences', 'Violence and sexual offences', 'recorded-crime'), ind('recorded-crime.burglary', 'Burglary', 'recorded-crime'), ind('anti-social-behaviour', 'Anti-social behaviour', 'anti-social-behaviour'), ind('reoffending.adult', 'Adult reoffending', 'reoffending')],
  priorities: [
    { id: 'asb', label: 'Anti-social behaviour', score: 0.5, rank: 2, rankRange: [1, 2], components: [{ criterion: 'public-concern', raw: 4, scaled: 1, weight: 0.2, contribution: 0.2 }] },
    { id: 'violence', label: 'Violence', score: 0.7, rank: 1, rankRange: [1, 2], components: [{ criterion: 'harm', raw: 1, scaled: 1, weight: 0.3, contribution: 0.3 }, { criterion: 'trend', raw: 1, scaled: 0.5, weight: 0.2, contribution: 0.1 }] },
  ],
} as unknown as Assessment;

const file = (markdown: string) => ({ markdown, file: 'x.md' });

describe('assessmentVoice', () => {
  it('drafts an action plan from the recommended priorities, best first, owners to be agreed, when the workspace has none', () => {
    const v = assessmentVoice({ assessment, config });
    expect(v.recommendations.plan.draft).toBe(true);
    expect(v.recommendations.plan.caption).toBe('Draft action plan for 2017/18, for the partnership to agree');
    expect(v.recommendations.plan.rows.map((r) => [r.priority, r.owner])).toEqual([['Violence', 'To be agreed'], ['Anti-social behaviour', 'To be agreed']]);
    expect(v.recommendations.plan.rows[0]!.measure).toBe('Violence and sexual offences: change on 2016/17');
    expect(v.recommendations.fallback).toContain('Violence and Anti-social behaviour');
    expect(v.recommendations).not.toHaveProperty('html');
  });

  it('says there is no draft when nothing was scored', () => {
    const v = assessmentVoice({ assessment: { ...assessment, priorities: [] } as Assessment, config });
    expect(v.recommendations.plan.rows).toEqual([]);
    expect(v.recommendations.plan.intro).toMatch(/^No candidate priorities were scored/);
    expect(v.recommendations.fallback).toBe('');
  });

  it("uses the partnership's plan, naming priorities by label and filling blanks with words", () => {
    const plan = [{ priority: 'violence-prevention', action: 'Patrols', owner: '', measure: 'Fewer assaults', source: { file: 'p.csv', line: 2 } }];
    const v = assessmentVoice({ assessment, config, actionPlan: plan });
    expect(v.recommendations.plan.draft).toBe(false);
    expect(v.recommendations.plan.rows).toEqual([{ priority: 'Violence Prevention', action: 'Patrols', owner: 'To be agreed', measure: 'Fewer assaults' }]);
  });

  it('puts indicator commentary under the first table that shows the indicator, and the rest under the overview', () => {
    const analystText = { chapters: { 'violence-prevention': file('Chapter words') }, indicators: { 'recorded-crime.burglary': file('Burglary words'), 'reoffending.adult': file('Reoffending words') }, report: {} };
    const v = assessmentVoice({ assessment, config, analystText });
    // Burglary is in the overview's recorded-crime table before its priority's table.
    expect(v.chapters.overview!.notes.map((n) => n.label)).toEqual(['Burglary', 'Adult reoffending']);
    expect(v.chapters['priority-violence-prevention']).toEqual({ html: '<p>Chapter words</p>\n', notes: [] });
  });

  it('adds the analyst sections to the contents in their places', () => {
    const v = assessmentVoice({ assessment, config, analystText: { introduction: file('Hi'), horizonScan: file('PESTELO'), chapters: {}, indicators: {}, report: {} } });
    const ids = voiceContents(['summary', 'overview', 'scoring', 'quality', 'methods'].map((id) => ({ id, title: id })), v).map((c) => c.id);
    expect(ids).toEqual(['introduction', 'summary', 'overview', 'horizon-scan', 'scoring', 'recommendations', 'quality', 'methods']);
  });
});

describe('report voice', () => {
  it('prefers the quarter file to the general commentary', () => {
    const text = { chapters: {}, indicators: {}, report: { '2016-17-Q3': file('Q3 words'), commentary: file('Any words') } };
    expect(reportCommentary(text, '2016/17-Q3')).toBe('<p>Q3 words</p>\n');
    expect(reportCommentary(text, '2016/17-Q4')).toBe('<p>Any words</p>\n');
    expect(reportCommentary(undefined, '2016/17-Q4')).toBeUndefined();
  });

  it('says "to be agreed" for an exception the workspace says nothing about', () => {
    const rows = [{ indicator: 'anti-social-behaviour', owner: 'Council', action: 'Patrols', decision: 'Fund it', source: { file: 'e.csv', line: 2 } }];
    expect(exceptionVoice(rows, 'anti-social-behaviour')).toEqual({ owner: 'Council', action: 'Patrols', decision: 'Fund it', agreed: true });
    const none = exceptionVoice(rows, 'recorded-crime.burglary');
    expect(none.owner).toBe('To be agreed');
    expect(none.decision).toMatch(/^To be agreed/);
    expect(none.agreed).toBe(false);
  });
});

describe('publicView', () => {
  it('names no owner or lead, and says why each priority was chosen in everyday words', () => {
    const plan = [{ priority: 'violence', action: 'Town centre patrols', owner: 'Inspector John Smith', measure: 'Assaults', source: { file: 'p.csv', line: 2 } }];
    const v = publicView({ assessment, config, consultation: [], actionPlan: plan, fullDocumentHref: 'assessment-2016-17.html', css: '' });
    const text = JSON.stringify(v);
    expect(text).not.toContain('John Smith');
    expect(text).not.toContain('Jane Doe');
    expect(v.focus.map((f) => f.label)).toEqual(['Violence', 'Anti-social behaviour']);
    expect(v.focus[0]).toEqual({ label: 'Violence', why: 'We chose it because it does serious harm to victims, and it has been going up.', actions: ['Town centre patrols'] });
    expect(v.fullDocumentHref).toBe('assessment-2016-17.html');
  });

  it('gives outcomes and stop and search a plain line each, and the Black/White ratio only when its interval is above 1', () => {
    const share = (s: number | null) => ({ count: null, share: s, ci95: null });
    const withThemes = (blackCi: [number, number]) => ({
      ...assessment,
      outcomes: [{ crimeType: 'All crime', total: 1000, charged: share(16.4) }],
      stopSearch: {
        level: 'partnership', force: 'Midshire Police', searches: 839, linked: share(19.7), arrests: share(10),
        byEthnicity: [{ group: 'Black', searches: 120, population: 9000, rate: 13.3, ci95: null, rateRatio: 3.07, rateRatioCi95: blackCi }],
      },
    }) as unknown as Assessment;
    const lines = (a: Assessment) => publicView({ assessment: a, config, consultation: [], actionPlan: [], fullDocumentHref: 'a.html', css: '' }).headlines;
    const clear = lines(withThemes([2.5, 3.8]));
    // 16.4% → "16 in 100"; 19.7% → "20 in 100"; 3.07 → "3.1" (one decimal place).
    expect(clear.find((h) => h.figure === '16 in 100')?.label).toBe('crimes recorded in 2016/17 have so far ended in a charge or a summons to court');
    const ss = clear.find((h) => h.figure === '839')!;
    expect(ss.label).toBe('stop and searches were carried out in Testham in 2016/17');
    expect(ss.words).toBe('In 20 in 100 the officer found what they were looking for. Black people living here were about 3.1 times as likely as White people to be searched.');
    // An interval that reaches 1: no claim of a difference.
    expect(lines(withThemes([0.9, 4.1])).find((h) => h.figure === '839')!.words).toBe('In 20 in 100 the officer found what they were looking for.');
    // Neither section in the assessment: neither line.
    expect(lines(assessment).some((h) => h.figure === '839' || h.figure.endsWith('in 100'))).toBe(false);
  });
});
