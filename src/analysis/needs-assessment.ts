/**
 * The Serious Violence Duty strategic needs assessment (`swp needs-assessment`), following the Home Office "Serious
 * Violence Duty: statutory guidance" (December 2022, revised), chapter 3 on the strategic needs assessment: the
 * local definition of serious violence, the profile of violence (police.uk, Home Office offence detail, hospital
 * admissions from OHID Fingertips), where it happens, trends and comparisons, and the data gaps. Each part is a
 * small module under ./needs; this file puts them together in the JSON contract (src/model/contract-needs.ts).
 */
import type { Workspace } from '../ingest/workspace.js';
import type { NeedsAssessment } from '../model/contract-needs.js';
import { documentHeader, type DocumentOptions } from './assessment.js';
import { toPeriod } from './indicator.js';
import { dataGaps } from './needs/gaps.js';
import { violenceDefinition } from './needs/definition.js';
import { homeOfficeDetail } from './needs/home-office.js';
import { hospitalAdmissions } from './needs/hospital.js';
import { needsPlaces, type NeedsPlaces } from './needs/places.js';
import { shareOfAllCrime, violenceByType, violenceTotal } from './needs/violence.js';
import { financialYear } from './periods.js';
import { DataSource } from './sources.js';

export const SVD_GUIDANCE = 'Home Office, Serious Violence Duty: statutory guidance for responsible authorities (December 2022, revised), chapter 3: the strategic needs assessment';

/** The needs assessment of the financial year starting in April of `startYear`, and what its map is drawn from. */
export function buildNeedsAssessment(ws: Workspace, startYear: number, options: DocumentOptions): { needs: NeedsAssessment; drawing: NeedsPlaces['drawing'] } {
  const source = new DataSource(ws);
  const def = violenceDefinition(ws.config);
  const byType = ws.police ? violenceByType(source, def, startYear) : [];
  const total = violenceTotal(source, def, startYear, byType);
  const homeOffice = homeOfficeDetail(source, def, startYear);
  const hospital = hospitalAdmissions(ws.measures, ws.config.area.code, ws.config.disclosure.threshold, ws.config.area.peers);
  const places = needsPlaces(ws, def, startYear);
  const needs: NeedsAssessment = {
    kind: 'needs-assessment',
    ...documentHeader(ws.config, options),
    period: toPeriod(financialYear(startYear)),
    guidance: SVD_GUIDANCE,
    definition: { policeUk: def.policeUk, homeOffice: def.homeOffice, from: def.from },
    violence: { total, byType, shareOfAllCrime: shareOfAllCrime(source, total, startYear) },
    homeOffice,
    hospitalAdmissions: hospital,
    places: places.section,
    gaps: dataGaps({ ws, startYear, byType, total, homeOffice, hospital, places: places.section }),
    recommendations: saysSomething(ws.analystText?.needs?.recommendations?.markdown) ? 'analyst' : 'draft',
    warnings: [],
  };
  return { needs, drawing: places.drawing };
}

/** Whether the analyst's Markdown has text beyond its HTML comments (the skeleton's files are comments only). */
function saysSomething(markdown: string | undefined): boolean {
  return markdown !== undefined && markdown.replace(/<!--[\s\S]*?-->/g, '').trim() !== '';
}
