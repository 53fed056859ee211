/**
 * The data tables of the serious violence needs assessment (src/model/contract-needs.ts), built with the same
 * pieces and symbols as the other documents' (./tables.ts): the police.uk types of the definition (headline and
 * trend), the Home Office offence detail, hospital admissions for violence, serious violence by ward, data gaps.
 */
import type { NeedsAssessment } from '../../model/contract-needs.js';
import type { IndicatorResult } from '../../model/contract.js';
import { buildTable, fig, indicatorsTable, nonEmpty, SYMBOL_NOTE, trendTable, withIdentity, type DataTable, type TableSpec } from './tables.js';
import { sourcesOf, type MetaOptions, type XlsxMeta } from './xlsx.js';

type Offence = NonNullable<NeedsAssessment['homeOffice']>['offences'][number];
type Point = NonNullable<NeedsAssessment['hospitalAdmissions']>['points'][number];
type Ward = NonNullable<NeedsAssessment['places']>['wards'][number];

function homeOfficeTable(n: NeedsAssessment): DataTable | undefined {
  if (!n.homeOffice) return undefined;
  const spec: TableSpec<Offence> = {
    id: 'home_office_offences',
    title: 'Serious violence offences from the Home Office CSP table',
    description: `One row per entry of the definition: offences in ${n.period.label} and the year before, the rate per 1,000 residents with its 95% confidence interval, and the most similar group.`,
    columns: [
      { key: 'offence', heading: 'Offence (definition entry)', cell: (o) => o.name },
      { key: 'subgroups', heading: 'Offence subgroups matched', cell: (o) => o.subgroups.join('; ') || null },
      { key: 'count', heading: 'Offences', decimals: 0, cell: (o) => fig(o.count, o.suppressed) },
      { key: 'previous', heading: 'Offences the year before', decimals: 0, cell: (o) => fig(o.previous) },
      { key: 'rate', heading: 'Rate', unit: 'per 1,000 residents', decimals: 2, rounded: true, cell: (o) => fig(o.value, o.suppressed) },
      { key: 'ci95_lower', heading: 'Lower 95% limit', unit: 'per 1,000 residents', cell: (o) => fig(o.ci95?.[0], o.suppressed) },
      { key: 'ci95_upper', heading: 'Upper 95% limit', unit: 'per 1,000 residents', cell: (o) => fig(o.ci95?.[1], o.suppressed) },
      { key: 'peer_average', heading: 'Most similar group average', unit: 'per 1,000 residents', cell: (o) => fig(o.peerAverage) },
      { key: 'rank', heading: 'Rank in the group (1 = lowest)', decimals: 0, cell: (o) => fig(o.rank) },
      { key: 'of', heading: 'Members ranked', decimals: 0, cell: (o) => (o.of > 0 ? o.of : null) },
    ],
    notes: [SYMBOL_NOTE, 'The group average is the mean of the peers\' rates (this partnership excluded), as iQuanta gives it.'],
  };
  return buildTable(spec, n.homeOffice.offences);
}

function hospitalTable(n: NeedsAssessment): DataTable | undefined {
  const h = n.hospitalAdmissions;
  if (!h) return undefined;
  const spec: TableSpec<Point> = {
    id: 'hospital_admissions',
    title: 'Hospital admissions for violence (including sexual violence)',
    description: 'One row per three-year pooled period (OHID Fingertips indicator 11201): admissions, population, the rate per 100,000 residents a year with its 95% confidence interval (as OHID publishes it, age-standardised; or crude, as the basis column says), and England\'s rate.',
    columns: [
      { key: 'period', heading: 'Period', cell: (p) => p.period.label },
      { key: 'period_start', heading: 'Period start', type: 'date', cell: (p) => p.period.start },
      { key: 'period_end', heading: 'Period end', type: 'date', cell: (p) => p.period.end },
      { key: 'count', heading: 'Admissions', decimals: 0, cell: (p) => fig(p.count, p.suppressed) },
      { key: 'denominator', heading: 'Population (person-years)', decimals: 0, cell: (p) => fig(p.denominator) },
      { key: 'basis', heading: 'Basis of the rate', cell: (p) => (p.basis === 'published' ? 'published (age-standardised)' : 'crude') },
      { key: 'rate', heading: 'Rate', unit: 'per 100,000 a year', decimals: 1, rounded: true, cell: (p) => fig(p.value, p.suppressed) },
      { key: 'ci95_lower', heading: 'Lower 95% limit', unit: 'per 100,000 a year', cell: (p) => fig(p.ci95?.[0], p.suppressed) },
      { key: 'ci95_upper', heading: 'Upper 95% limit', unit: 'per 100,000 a year', cell: (p) => fig(p.ci95?.[1], p.suppressed) },
      { key: 'england', heading: 'England', unit: 'per 100,000 a year', decimals: 1, rounded: true, cell: (p) => fig(p.england?.value) },
      { key: 'comparison', heading: 'Compared with England', cell: (p) => p.comparison },
    ],
    notes: [SYMBOL_NOTE, ...h.notes],
  };
  return buildTable(spec, h.points);
}

function wardsTable(n: NeedsAssessment): DataTable | undefined {
  if (!n.places) return undefined;
  const spec: TableSpec<Ward> = {
    id: 'wards',
    title: 'Serious violence by ward',
    description: `One row per ward: police.uk crimes of the definition in ${n.period.label}, residents, and crimes per 1,000 residents against the partnership average.`,
    columns: [
      { key: 'ward_code', heading: 'Ward code', cell: (w) => w.code },
      { key: 'ward', heading: 'Ward', cell: (w) => w.name },
      { key: 'count', heading: 'Crimes', decimals: 0, cell: (w) => fig(w.count, w.suppressed) },
      { key: 'population', heading: 'Residents', decimals: 0, cell: (w) => fig(w.population) },
      { key: 'rate', heading: 'Rate', unit: 'per 1,000 residents', decimals: 1, rounded: true, cell: (w) => fig(w.value, w.suppressed) },
      { key: 'comparison', heading: 'Against the partnership average', cell: (w) => w.comparison },
    ],
    notes: [SYMBOL_NOTE],
  };
  return buildTable(spec, n.places.wards);
}

function gapsTable(n: NeedsAssessment): DataTable {
  return buildTable<NeedsAssessment['gaps'][number]>(
    { id: 'data_gaps', title: 'Data gaps', description: 'One row per gap: what the needs assessment could not cover from this workspace, and what to add.', columns: [{ key: 'topic', heading: 'Topic', cell: (g) => g.topic }, { key: 'gap', heading: 'Gap', cell: (g) => g.detail }] },
    n.gaps,
  );
}

/** Every table of the needs assessment, each row led by the area and period. */
export function needsTables(n: NeedsAssessment): DataTable[] {
  const who = { code: n.area.code, name: n.area.name, period: n.period.label };
  const police: IndicatorResult[] = [...(n.violence.total ? [n.violence.total] : []), ...n.violence.byType];
  return nonEmpty([
    police.length ? indicatorsTable(police, `the figure for ${n.period.label}`) : undefined,
    police.length ? trendTable(police) : undefined,
    homeOfficeTable(n),
    hospitalTable(n),
    wardsTable(n),
    gapsTable(n),
  ].filter((t): t is DataTable => t !== undefined)).map((t) => withIdentity(t, who));
}

/** The workbook's cover. */
export function needsMeta(n: NeedsAssessment, options: MetaOptions = {}): XlsxMeta {
  return {
    title: `Serious violence needs assessment ${n.period.label}: data tables — ${n.partnership.name}`,
    partnership: n.partnership.name,
    area: `${n.area.name} (${n.area.code})`,
    period: n.period.label,
    dataAsAt: n.dataAsAt,
    sources: options.sources ?? [...sourcesOf(n.violence.byType), ...(n.homeOffice ? ['Home Office, police recorded crime by Community Safety Partnership area'] : []), ...(n.hospitalAdmissions ? ['OHID Fingertips, indicator 11201: hospital admissions for violence (including sexual violence)'] : [])],
    contact: options.contact ?? null,
    protectiveMarking: options.protectiveMarking ?? null,
    generator: `${n.generator.name} ${n.generator.version}`,
    notes: n.warnings,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  };
}
