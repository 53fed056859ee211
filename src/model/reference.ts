/**
 * Reference tables swp ships with (data/reference/): read by the ingest layer (src/ingest/formats/harm-weights.ts),
 * carried on the Workspace, used by the analysis. Nothing here reads files.
 */
import { CRIME_TYPES, type CrimeType } from './data.js';

/** A police.uk crime category that carries a harm weight: every crime type except anti-social behaviour. */
export type HarmCrimeType = Exclude<CrimeType, 'Anti-social behaviour'>;

/** The 13 crime categories a weights file must list, each once, in police.uk's order. */
export const HARM_CRIME_TYPES: readonly HarmCrimeType[] = CRIME_TYPES.filter(
  (t): t is HarmCrimeType => t !== 'Anti-social behaviour',
);

/** One row of a weights file. */
export interface HarmWeight {
  crimeType: HarmCrimeType;
  /** Harm per offence, ≥ 0 (days of imprisonment-equivalent in the shipped file). */
  weight: number;
  /** `source`, `method`, `notes` columns ('' when the file has no such column). */
  source: string;
  method: string;
  notes: string;
  /** 1-based line of the row in the file. */
  line: number;
}

/** A validated weights file. */
export interface HarmWeights {
  /** Path of the file read, as shown in messages. */
  file: string;
  /** The `unit` column's value (the same on every row), e.g. "days"; undefined when the file has no unit column. */
  unit: string | undefined;
  /** One entry per crime category, in HARM_CRIME_TYPES order. */
  weights: readonly HarmWeight[];
  /** Weight of a category. */
  weightOf(type: HarmCrimeType): number;
}

/** The reference tables a workspace's documents use (the shipped ones). */
export interface ReferenceData {
  harmWeights: HarmWeights;
}
