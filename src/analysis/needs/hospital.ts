/**
 * Hospital admissions for violence (including sexual violence): OHID Fingertips indicator 11201 (PHOF 1.12i), read
 * from the export as downloaded (src/ingest/formats/fingertips.ts) as the measure `violence.hospital-admissions`,
 * with England's rows from the same file. Fingertips publishes three-year pooled periods: the count is the
 * admissions of the three years and the denominator the three years' populations summed, so count / denominator ×
 * 100,000 is a rate per 100,000 residents a year. Fingertips' own value is directly age-standardised (DSR, PHE
 * technical guide "Calculating directly standardised rates"), which the count and denominator cannot reproduce, and
 * it is the figure every other publication quotes: so the published value and its 95% limits are shown whenever the
 * export gives them (`basis: 'published'`), and compared with England's published value the Fingertips way
 * (interval against value). A row without a published value (a hand-made file) falls back to the crude rate from
 * the count and denominator with Byar / exact Poisson limits (`basis: 'crude'`); the two are never mixed in one
 * comparison.
 */
import type { NeedsAssessment } from '../../model/contract-needs.js';
import type { MeasureRow } from '../../model/data.js';
import { isDisclosive } from '../disclosure.js';
import { ENGLAND, ENGLAND_AND_WALES } from '../sources.js';
import { compareWithBenchmark, crudeRate } from '../stats/index.js';

export const HOSPITAL_ID = 'violence.hospital-admissions';
type Point = NonNullable<NeedsAssessment['hospitalAdmissions']>['points'][number];

/** "2013/14 to 2015/16" (financial years) or "2014 to 2016" (calendar years) from a row's first and last days. */
export function pooledLabel(start: string, end: string): string {
  const y1 = Number(start.slice(0, 4));
  const y2 = Number(end.slice(0, 4));
  if (start.slice(5) === '04-01' && end.slice(5) === '03-31') {
    const fy = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
    return y2 - y1 === 1 ? fy(y1) : `${fy(y1)} to ${fy(y2 - 1)}`;
  }
  return y1 === y2 ? String(y1) : `${y1} to ${y2}`;
}

type Basis = Point['basis'];
type Rate = { value: number; lower: number; upper: number };

/** A row's rate on the given basis: its published value and limits, or the crude rate from count and denominator. */
function rateOf(row: MeasureRow | undefined, basis: Basis): Rate | null {
  if (!row) return null;
  if (basis === 'published') {
    const p = row.published;
    return p ? { value: p.value, lower: p.lower ?? Number.NaN, upper: p.upper ?? Number.NaN } : null;
  }
  return row.numerator !== null && row.denominator !== null && row.denominator > 0 ? crudeRate(row.numerator, row.denominator, { multiplier: 100_000 }) : null;
}

const hasLimits = (r: Rate | null) => r !== null && Number.isFinite(r.lower) && Number.isFinite(r.upper);

/** One pooled period of the partnership, with England's figure for the same period. */
function point(row: MeasureRow, national: MeasureRow | undefined, threshold: number): Point {
  const small = row.numerator === null ? row.numeratorAbsence === 'suppressed' : isDisclosive(row.numerator, threshold);
  const basis: Basis = row.published ? 'published' : 'crude';
  const own = small ? null : rateOf(row, basis);
  const eng = rateOf(national, basis);
  // Without both published limits there is no interval to set against England's value: shown, not compared.
  const comparable = hasLimits(own) ? own : null;
  return {
    period: { start: row.periodStart, end: row.periodEnd, label: pooledLabel(row.periodStart, row.periodEnd) },
    count: small ? null : row.numerator,
    denominator: row.denominator,
    basis,
    value: own?.value ?? null,
    ci95: comparable ? [comparable.lower, comparable.upper] : null,
    england: eng ? { value: eng.value, ci95: hasLimits(eng) ? [eng.lower, eng.upper] : null } : null,
    comparison: compareWithBenchmark(comparable, eng?.value, 'no-judgement').outcome as Point['comparison'],
    suppressed: small,
  };
}

/**
 * The partnership among its peers in the latest period (peers by code, or by name as the file spells it): the mean
 * of their rates and the rank with 1 = lowest, as the most similar group elsewhere (../peer-group.ts). Peers with a
 * count of 1 to 4 are left out, as there.
 */
function peersOf(rows: readonly MeasureRow[], last: Point, peers: readonly string[], threshold: number): NonNullable<NeedsAssessment['hospitalAdmissions']>['peers'] {
  if (last.value === null || peers.length === 0) return null;
  const same = rows.filter((r) => r.periodStart === last.period.start && r.periodEnd === last.period.end);
  const wanted = (r: MeasureRow) => peers.some((p) => p === r.areaCode || p.toLowerCase() === r.areaName.toLowerCase());
  const values = same.filter((r) => wanted(r) && r.numerator !== null && !isDisclosive(r.numerator, threshold)).map((r) => rateOf(r, last.basis)?.value).filter((v): v is number => v !== undefined);
  if (values.length === 0) return null;
  return { average: values.reduce((a, v) => a + v, 0) / values.length, rank: 1 + values.filter((v) => v < last.value!).length, of: values.length + 1 };
}

/** The section; null when the workspace has no rows of the indicator for the partnership. */
export function hospitalAdmissions(measures: readonly MeasureRow[], areaCode: string, threshold: number, peers: readonly string[] = []): NeedsAssessment['hospitalAdmissions'] {
  const rows = measures.filter((m) => m.indicator === HOSPITAL_ID && m.areaCode === areaCode).sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.periodStart.localeCompare(b.periodStart));
  if (rows.length === 0) return null;
  const nationals = measures.filter((m) => m.indicator === HOSPITAL_ID && (m.areaCode === ENGLAND || m.areaCode === ENGLAND_AND_WALES));
  const points = rows.map((r) => point(r, nationals.find((n) => n.periodStart === r.periodStart && n.periodEnd === r.periodEnd), threshold));
  const notes = ['Fingertips publishes three-year pooled periods; neighbouring periods share two years, so they are not compared with each other as independent figures.'];
  if (points.some((p) => p.england === null)) notes.push('England has no figure in the file for some periods: those are not compared.');
  if (points.some((p) => p.basis === 'published' && p.value !== null && p.ci95 === null)) notes.push('The file gives no 95% limits for some periods: their rates are shown but not compared with England.');
  if (points.some((p) => p.basis === 'crude')) notes.push('Where the file gives no published rate, the rate is worked out from the count and population (a crude rate, not age-standardised).');
  const all = measures.filter((m) => m.indicator === HOSPITAL_ID);
  const unit = points.every((p) => p.basis === 'published') ? 'per 100,000 residents a year, age-standardised' : 'per 100,000 residents a year';
  return { indicator: HOSPITAL_ID, label: 'Hospital admissions for violence (including sexual violence)', unit, points, peers: peersOf(all, points[points.length - 1]!, peers, threshold), notes };
}
