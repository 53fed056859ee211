/**
 * Data gaps: what the definition and the Home Office guidance ask the needs assessment to cover that this
 * workspace lacks, worked out from what was read (no file, a partnership not in a table, a year not covered,
 * fewer than three years for a trend, an offence with no rows), so each gap names what to add.
 */
import type { IndicatorResult } from '../../model/contract.js';
import type { NeedsAssessment } from '../../model/contract-needs.js';
import type { Workspace } from '../../ingest/workspace.js';
import { financialYearLabel } from '../periods.js';

type Gap = NeedsAssessment['gaps'][number];

export interface GapInputs {
  ws: Workspace;
  startYear: number;
  byType: readonly IndicatorResult[];
  total: IndicatorResult | null;
  homeOffice: NeedsAssessment['homeOffice'];
  hospital: NeedsAssessment['hospitalAdmissions'];
  places: NeedsAssessment['places'];
}

/** police.uk: no files, a year not covered, fewer than three years for a trend. */
function policeGaps(g: GapInputs): Gap[] {
  const fy = financialYearLabel(g.startYear);
  if (!g.ws.police) return [{ topic: 'Recorded crime (police.uk)', detail: 'no police.uk street-level files in the workspace: no volumes, rates or trends of recorded serious violence. Add the monthly files for the force (data.police.uk, Custom download) to inputs.policeUk.' }];
  const out: Gap[] = [];
  if (g.total && g.total.count === null && !g.total.suppressed) out.push({ topic: 'Recorded crime (police.uk)', detail: `no complete police.uk year for ${fy}: ${g.total.notes[0] ?? 'months are missing'}.` });
  const years = g.total?.trend?.points.filter((p) => p.count !== null).length ?? 0;
  if (years < 3) out.push({ topic: 'Trends', detail: `police.uk data cover ${years} complete financial year${years === 1 ? '' : 's'} up to ${fy}: the guidance's trend over at least three years needs earlier months.` });
  return out;
}

/** The Home Office CSP table: absent, the partnership not in it, entries without rows, no most similar group. */
function homeOfficeGaps(g: GapInputs): Gap[] {
  const topic = 'Offence detail (Home Office CSP table)';
  const fy = financialYearLabel(g.startYear);
  if (g.ws.homeOffice.length === 0) return [{ topic, detail: 'no Home Office police recorded crime CSP table in the workspace: no detail such as homicide or violence with injury, and no most similar group comparison. Add it to inputs.homeOffice (gov.uk, "Police recorded crime and outcomes open data tables").' }];
  if (!g.homeOffice) return [{ topic, detail: `the table has no whole ${fy} (all four quarters) for ${g.ws.config.area.cspName ?? g.ws.config.area.name}: no offence detail for the year.` }];
  const out: Gap[] = g.homeOffice.offences.filter((o) => o.subgroups.length === 0).map((o) => ({ topic, detail: `"${o.name}" of the definition has no rows for ${g.homeOffice!.csp} in ${fy}: either none were recorded or this edition of the table does not list it; check the name against the table's Offence Subgroup column.` }));
  if (g.ws.config.area.peers.length === 0) out.push({ topic: 'Most similar group', detail: 'no peers in the config (area.peers): the partnership is not compared with its most similar group.' });
  return out;
}

/** Hospital admissions for violence: no export, no England rows, a latest period before the year. */
function hospitalGaps(g: GapInputs): Gap[] {
  const topic = 'Hospital admissions for violence (OHID Fingertips)';
  if (!g.hospital) return [{ topic, detail: 'no Fingertips export of indicator 11201 for the partnership in the measures: no health view of violence. Download it from fingertips.phe.org.uk (indicator 11201, Download, "Export for all areas" as CSV) into the measures folder.' }];
  const out: Gap[] = [];
  const last = g.hospital.points[g.hospital.points.length - 1]!;
  if (last.period.end < `${g.startYear + 1}-03-31`) out.push({ topic, detail: `the latest period in the export is ${last.period.label}, before the end of ${financialYearLabel(g.startYear)}: hospital figures lag the police figures.` });
  if (g.hospital.points.every((p) => p.england === null)) out.push({ topic, detail: 'the export has no England rows: no national comparison. Download "all areas" so that England is in the same file.' });
  return out;
}

/** Every gap, in the order of the document's sections. */
export function dataGaps(g: GapInputs): Gap[] {
  const out = [...policeGaps(g), ...homeOfficeGaps(g), ...hospitalGaps(g)];
  if (!g.places) {
    out.push({ topic: 'Where it happens', detail: g.ws.places ? 'the geography folder has no ward boundaries or LSOA-to-ward lookup: no map of serious violence by ward.' : 'no geography folder (inputs.places): no map of serious violence by ward or neighbourhood.' });
  }
  out.push({ topic: 'Who is affected', detail: 'the published data give no age, sex or victim–offender relationship for serious violence: the guidance asks who is affected (for example young people under 25), which needs the police force\'s own crime records and hospital data by age, shared under the Duty.' });
  // The guidance asks partners for their own data; swp reads none of these, so they are always a gap to fill by hand.
  out.push({ topic: 'Partners\' data', detail: 'Emergency department attendances for assault (Information Sharing to Tackle Violence), ambulance call-outs, school exclusions, youth justice and probation caseloads, and knife-enabled offences (police.uk has no weapon flag): add them to the analyst\'s text where partners share them.' });
  // Each gap is a sentence of its own in the document.
  return out.map((g) => ({ ...g, detail: g.detail.charAt(0).toUpperCase() + g.detail.slice(1) }));
}
