/**
 * The local definition of serious violence the needs assessment counts (config `seriousViolence.definition`, or
 * the default in src/model/config-serious-violence.ts), resolved to police.uk crime-type indices and to a matcher
 * of Home Office CSP table rows.
 */
import type { Config } from '../../model/config.js';
import { DEFAULT_SERIOUS_VIOLENCE } from '../../model/config-serious-violence.js';
import { CRIME_TYPES, type HomeOfficeRow } from '../../model/data.js';
import { offenceKey } from '../../ingest/formats/home-office-offences.js';

export interface ViolenceDefinition {
  policeUk: string[];
  homeOffice: string[];
  from: 'config' | 'default';
  /** CRIME_TYPES indices of `policeUk`, in the order the config lists them. */
  typeIndices: number[];
}

/** The definition from the config, or the default; duplicates dropped. */
export function violenceDefinition(config: Config): ViolenceDefinition {
  const given = config.seriousViolence?.definition;
  const policeUk = [...new Set(given?.policeUk ?? DEFAULT_SERIOUS_VIOLENCE.policeUk)];
  const homeOffice = [...new Set(given?.homeOffice ?? DEFAULT_SERIOUS_VIOLENCE.homeOffice)];
  const typeIndices = policeUk.map((t) => CRIME_TYPES.indexOf(t as never)).filter((i) => i > 0);
  return { policeUk, homeOffice, from: config.seriousViolence ? 'config' : 'default', typeIndices };
}

/**
 * Whether a Home Office row counts under a definition entry: the entry names its offence subgroup or group (compared
 * as the reader compares them, so "Violence with Injury" and "violence with injury" match) or is its offence code.
 */
export function matchesEntry(row: HomeOfficeRow, entry: string): boolean {
  const key = offenceKey(entry);
  if (offenceKey(row.offenceSubgroup) === key || offenceKey(row.offenceGroup) === key) return true;
  return row.offenceCode.trim().toLowerCase() === entry.trim().toLowerCase();
}
