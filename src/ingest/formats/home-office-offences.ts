/**
 * The offence subgroups of the Home Office police recorded crime CSP table, the spellings used for them across
 * editions, and the police.uk street-level category each one counts towards (for the most-similar-group and force
 * comparisons, which use the Home Office table for the partnership and its peers alike).
 *
 * Sources: the subgroups are those of the police recorded crime classification in the Home Office "Police recorded
 * crime and outcomes open data tables user guide" and the ONS "User guide to crime statistics for England and
 * Wales" (offence groups and subgroups); the police.uk categories are data.police.uk's "Crime categories". Editions
 * of the table spell the same subgroup differently: case ("Violence with Injury"), "&" for "and", "Misc crimes
 * against society", "Arson and criminal damage" for "Criminal damage and arson", "Residential burglary" (later
 * editions) for "Domestic burglary". Those spellings are listed here, so a renamed subgroup is still counted.
 *
 * Fraud and computer misuse are recorded nationally by Action Fraud (National Fraud Intelligence Bureau), not by the
 * local force, and police.uk has no category for them: they are known and deliberately allocated to no category.
 * Any other text is unknown: it is reported (never dropped silently) by the reader.
 */
import { crimeTypeIndicatorId, type CrimeType } from '../../model/data.js';

export interface OffenceSubgroup {
  /** The subgroup as the current table spells it. */
  subgroup: string;
  /** Its offence group. */
  group: string;
  /** Other spellings seen across editions (compared after `offenceKey`). */
  spellings: readonly string[];
  /** The police.uk category it counts towards, or null when it deliberately counts towards none. */
  police: CrimeType | null;
  /** Why a subgroup counts towards no police.uk category. */
  why?: string;
}

const ACTION_FRAUD =
  'fraud and computer misuse are recorded nationally by Action Fraud, not by the local police force, and police.uk has no category for them';

const VIOLENCE = 'Violence against the person';
const SEXUAL = 'Sexual offences';
const THEFT = 'Theft offences';
const DAMAGE = 'Criminal damage and arson';
const DRUGS = 'Drug offences';

/** Every known subgroup (the Home Office classification), with its spellings and police.uk category. */
const HOME_OFFICE_SUBGROUPS: readonly OffenceSubgroup[] = [
  { subgroup: 'Homicide', group: VIOLENCE, spellings: [], police: 'Violence and sexual offences' },
  {
    subgroup: 'Death or serious injury caused by unlawful driving',
    group: VIOLENCE,
    spellings: ['Death or serious injury caused by illegal driving', 'Death serious injury illegal driving', 'Death or serious injury unlawful driving'],
    police: 'Violence and sexual offences',
  },
  { subgroup: 'Violence with injury', group: VIOLENCE, spellings: [], police: 'Violence and sexual offences' },
  { subgroup: 'Violence without injury', group: VIOLENCE, spellings: [], police: 'Violence and sexual offences' },
  { subgroup: 'Stalking and harassment', group: VIOLENCE, spellings: [], police: 'Violence and sexual offences' },
  // Older editions repeat the group in the subgroup column for some groups.
  { subgroup: 'Violence against the person', group: VIOLENCE, spellings: [], police: 'Violence and sexual offences' },
  { subgroup: 'Rape', group: SEXUAL, spellings: [], police: 'Violence and sexual offences' },
  { subgroup: 'Other sexual offences', group: SEXUAL, spellings: [], police: 'Violence and sexual offences' },
  { subgroup: 'Sexual offences', group: SEXUAL, spellings: [], police: 'Violence and sexual offences' },
  { subgroup: 'Robbery of business property', group: 'Robbery', spellings: [], police: 'Robbery' },
  { subgroup: 'Robbery of personal property', group: 'Robbery', spellings: [], police: 'Robbery' },
  { subgroup: 'Robbery', group: 'Robbery', spellings: [], police: 'Robbery' },
  { subgroup: 'Domestic burglary', group: THEFT, spellings: ['Residential burglary', 'Burglary residential'], police: 'Burglary' },
  {
    subgroup: 'Non-domestic burglary',
    group: THEFT,
    spellings: ['Non-residential burglary', 'Burglary business and community', 'Business and community burglary'],
    police: 'Burglary',
  },
  { subgroup: 'Burglary', group: THEFT, spellings: [], police: 'Burglary' },
  {
    subgroup: 'Vehicle offences',
    group: THEFT,
    // Some extracts break vehicle offences down into their Home Office offence classes.
    spellings: ['Vehicle crime', 'Vehicle theft offences', 'Theft from a vehicle', 'Theft or unauthorised taking of a motor vehicle', 'Interfering with a motor vehicle', 'Aggravated vehicle taking'],
    police: 'Vehicle crime',
  },
  { subgroup: 'Theft from the person', group: THEFT, spellings: [], police: 'Theft from the person' },
  { subgroup: 'Bicycle theft', group: THEFT, spellings: [], police: 'Bicycle theft' },
  { subgroup: 'Shoplifting', group: THEFT, spellings: [], police: 'Shoplifting' },
  { subgroup: 'All other theft offences', group: THEFT, spellings: ['Other theft offences', 'Other theft', 'All other theft'], police: 'Other theft' },
  { subgroup: 'Criminal damage', group: DAMAGE, spellings: [], police: 'Criminal damage and arson' },
  { subgroup: 'Arson', group: DAMAGE, spellings: [], police: 'Criminal damage and arson' },
  { subgroup: 'Criminal damage and arson', group: DAMAGE, spellings: ['Arson and criminal damage'], police: 'Criminal damage and arson' },
  { subgroup: 'Trafficking of drugs', group: DRUGS, spellings: ['Drug trafficking'], police: 'Drugs' },
  { subgroup: 'Possession of drugs', group: DRUGS, spellings: ['Drug possession'], police: 'Drugs' },
  { subgroup: 'Drug offences', group: DRUGS, spellings: [], police: 'Drugs' },
  { subgroup: 'Possession of weapons offences', group: 'Possession of weapons offences', spellings: ['Possession of weapons'], police: 'Possession of weapons' },
  {
    subgroup: 'Public order offences',
    group: 'Public order offences',
    // Likewise the public order offence classes.
    spellings: [
      'Public order',
      'Public fear alarm or distress',
      'Racially or religiously aggravated public fear alarm or distress',
      'Race or religious agg public fear',
      'Violent disorder',
      'Other offences against the state or public order',
    ],
    police: 'Public order',
  },
  {
    subgroup: 'Miscellaneous crimes against society',
    group: 'Miscellaneous crimes against society',
    spellings: ['Misc crimes against society', 'Miscellaneous crimes'],
    police: 'Other crime',
  },
  { subgroup: 'Fraud offences', group: 'Fraud offences', spellings: ['Fraud', 'Fraud and forgery'], police: null, why: ACTION_FRAUD },
  { subgroup: 'Computer misuse', group: 'Fraud offences', spellings: ['Computer misuse offences'], police: null, why: ACTION_FRAUD },
];

/**
 * Offence groups whose every subgroup counts towards one police.uk category: a row with an empty subgroup is
 * allocated by its group. ("Theft offences" is not here: its subgroups go to five categories.)
 */
const GROUPS: readonly { group: string; spellings: readonly string[]; subgroup: string }[] = [
  { group: VIOLENCE, spellings: [], subgroup: 'Violence against the person' },
  { group: SEXUAL, spellings: [], subgroup: 'Sexual offences' },
  { group: 'Robbery', spellings: [], subgroup: 'Robbery' },
  { group: 'Burglary', spellings: [], subgroup: 'Burglary' },
  { group: DAMAGE, spellings: ['Arson and criminal damage'], subgroup: 'Criminal damage and arson' },
  { group: DRUGS, spellings: [], subgroup: 'Drug offences' },
  { group: 'Possession of weapons offences', spellings: ['Possession of weapons'], subgroup: 'Possession of weapons offences' },
  { group: 'Public order offences', spellings: ['Public order'], subgroup: 'Public order offences' },
  { group: 'Miscellaneous crimes against society', spellings: ['Misc crimes against society'], subgroup: 'Miscellaneous crimes against society' },
  { group: 'Fraud offences', spellings: ['Fraud', 'Fraud and forgery'], subgroup: 'Fraud offences' },
];

/**
 * The comparison form of an offence name: lower case, "&" as "and", punctuation and repeated spaces dropped,
 * "misc" as "miscellaneous". "Violence with Injury" and "violence  with injury" are the same subgroup.
 */
export function offenceKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bmisc\b/g, 'miscellaneous')
    .trim();
}

const BY_KEY = new Map<string, OffenceSubgroup>();
for (const s of HOME_OFFICE_SUBGROUPS) for (const name of [s.subgroup, ...s.spellings]) BY_KEY.set(offenceKey(name), s);
const GROUP_KEY = new Map<string, OffenceSubgroup>();
for (const g of GROUPS) {
  const s = HOME_OFFICE_SUBGROUPS.find((x) => x.subgroup === g.subgroup)!;
  for (const name of [g.group, ...g.spellings]) GROUP_KEY.set(offenceKey(name), s);
}

/** How a row of the table is allocated. */
export type OffenceAllocation =
  | { kind: 'known'; subgroup: OffenceSubgroup; indicator: string | null }
  | { kind: 'unknown' };

/**
 * The subgroup of a row (from its subgroup text; from its group only when the subgroup is empty), and the police.uk
 * indicator id it counts towards (null for fraud). `unknown` when the text is not a known subgroup.
 */
export function allocateOffence(group: string, subgroup: string): OffenceAllocation {
  // A table has a few dozen distinct group/subgroup pairs on up to a million rows: each is worked out once.
  const memo = `${group}\u0000${subgroup}`;
  let a = ALLOCATIONS.get(memo);
  if (a === undefined) {
    a = allocate(group, subgroup);
    if (ALLOCATIONS.size < 10_000) ALLOCATIONS.set(memo, a);
  }
  return a;
}
const ALLOCATIONS = new Map<string, OffenceAllocation>();

function allocate(group: string, subgroup: string): OffenceAllocation {
  const key = offenceKey(subgroup);
  const found = key === '' ? GROUP_KEY.get(offenceKey(group)) : BY_KEY.get(key);
  if (!found) return { kind: 'unknown' };
  return { kind: 'known', subgroup: found, indicator: found.police === null ? null : crimeTypeIndicatorId(found.police) };
}
