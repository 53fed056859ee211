/**
 * Offence-weighted harm index for police.uk crime counts.
 *
 * A strategic assessment shows harm beside counts: 100 burglaries and 100 bicycle thefts are not equal. Each crime
 * category has a weight (days of imprisonment-equivalent); harm = count × weight. This module computes, for counts
 * by crime type, the harm per type, total harm, each type's share of harm against its share of volume, and harm per
 * 1,000 residents. The weights are read and validated by the ingest layer (src/ingest/formats/harm-weights.ts, where
 * their source is described) and reach the analysis on the Workspace (`ws.reference.harmWeights`).
 *
 * Anti-social behaviour is not a crime and has no weight: it must not appear in a weights file, and its counts are
 * left out of harm and of the volume that volume shares are taken of (reported separately as `asbExcluded`).
 */
import { CRIME_TYPES, type CrimeType } from '../model/data.js';
import { ExitCode, SwpError, showFound } from '../model/errors.js';
import { HARM_CRIME_TYPES, type HarmCrimeType, type HarmWeights } from '../model/reference.js';

/**
 * Counts by crime type: an array indexed like CRIME_TYPES (e.g. the Uint32Array of `PoliceUkData.byMonth`), or an
 * object keyed by crime type (absent types count 0). Anti-social behaviour may be present; it is left out of harm.
 */
export type CrimeCounts = ArrayLike<number> | Partial<Record<CrimeType, number>>;

/** Harm for one crime category. */
export interface HarmRow {
  crimeType: HarmCrimeType;
  count: number;
  weight: number;
  /** count × weight. */
  harm: number;
  /** harm / total harm; null when total harm is 0. */
  harmShare: number | null;
  /** count / total count (anti-social behaviour excluded); null when the total count is 0. */
  volumeShare: number | null;
  /** harmShare / volumeShare: above 1 means the category carries more than its share of harm; null if undefined. */
  harmToVolumeRatio: number | null;
}

/** Harm for a set of counts. */
export interface HarmSummary {
  /** One row per crime category, in HARM_CRIME_TYPES order. */
  rows: HarmRow[];
  /** Sum of counts over the 13 crime categories (anti-social behaviour excluded). */
  totalCount: number;
  /** Sum of harm over the 13 crime categories, in the weights' unit. */
  totalHarm: number;
  /** Anti-social behaviour count in the input, left out of harm and volume. */
  asbExcluded: number;
  /** Unit of harm (the weights' unit). */
  unit: string | undefined;
  /** Total harm per 1,000 residents; present when a population was given. */
  harmPer1000?: number;
  population?: number;
}

/** Options of computeHarm. */
export interface HarmOptions {
  /** Resident population of the area, for harm per 1,000 residents. */
  population?: number;
}

/**
 * Harm per crime type, total harm, harm and volume shares, and (given a population) harm per 1,000 residents.
 *
 * @param counts counts by crime type (array indexed like CRIME_TYPES, or an object keyed by crime type).
 * @param weights validated weights (readHarmWeights in src/ingest/formats/harm-weights.ts).
 * @throws SwpError (ExitCode.INPUT) when a count is negative or not finite, or the population is not positive.
 */
export function computeHarm(counts: CrimeCounts, weights: HarmWeights, options: HarmOptions = {}): HarmSummary {
  const countOf = countReader(counts);
  const asbExcluded = checkCount('Anti-social behaviour', countOf('Anti-social behaviour'));
  const base = HARM_CRIME_TYPES.map((crimeType) => {
    const count = checkCount(crimeType, countOf(crimeType));
    const weight = weights.weightOf(crimeType);
    return { crimeType, count, weight, harm: count * weight };
  });
  const totalCount = base.reduce((a, r) => a + r.count, 0);
  const totalHarm = base.reduce((a, r) => a + r.harm, 0);
  const rows: HarmRow[] = base.map((r) => {
    const harmShare = totalHarm > 0 ? r.harm / totalHarm : null;
    const volumeShare = totalCount > 0 ? r.count / totalCount : null;
    const harmToVolumeRatio = harmShare !== null && volumeShare !== null && volumeShare > 0 ? harmShare / volumeShare : null;
    return { ...r, harmShare, volumeShare, harmToVolumeRatio };
  });
  const summary: HarmSummary = { rows, totalCount, totalHarm, asbExcluded, unit: weights.unit };
  if (options.population !== undefined) {
    summary.population = options.population;
    summary.harmPer1000 = harmRatePer1000(totalHarm, options.population);
  }
  return summary;
}

/**
 * Harm per 1,000 residents: totalHarm / population × 1,000.
 *
 * @throws SwpError (ExitCode.INPUT) when the population is not a positive finite number.
 */
export function harmRatePer1000(totalHarm: number, population: number): number {
  if (!Number.isFinite(population) || population <= 0) {
    throw new SwpError(ExitCode.INPUT, {
      message: 'the population for the harm rate must be a positive number',
      expected: 'residents, e.g. 152000',
      found: showFound(String(population)),
    });
  }
  if (!Number.isFinite(totalHarm) || totalHarm < 0) {
    throw new SwpError(ExitCode.INPUT, {
      message: 'total harm must be a number 0 or more',
      found: showFound(String(totalHarm)),
    });
  }
  return (totalHarm / population) * 1000;
}

function countReader(counts: CrimeCounts): (type: CrimeType) => number {
  if (isArrayLike(counts)) {
    if (counts.length !== CRIME_TYPES.length) {
      throw new SwpError(ExitCode.INPUT, {
        message: `counts by crime type must have ${CRIME_TYPES.length} entries, indexed like CRIME_TYPES`,
        found: `${counts.length} entries`,
      });
    }
    return (type) => counts[CRIME_TYPES.indexOf(type)]!;
  }
  for (const key of Object.keys(counts)) {
    if (!(CRIME_TYPES as readonly string[]).includes(key)) {
      throw new SwpError(ExitCode.INPUT, {
        message: 'counts name a crime type that is not a police.uk category',
        expected: `one of ${CRIME_TYPES.map((t) => `"${t}"`).join(', ')}`,
        found: showFound(key),
      });
    }
  }
  return (type) => counts[type] ?? 0;
}

function isArrayLike(x: CrimeCounts): x is ArrayLike<number> {
  return typeof (x as { length?: unknown }).length === 'number';
}

function checkCount(type: CrimeType, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new SwpError(ExitCode.INPUT, {
      message: `the count for "${type}" must be a number 0 or more`,
      found: showFound(String(value)),
    });
  }
  return value;
}
