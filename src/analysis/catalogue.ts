/**
 * What each indicator is: its measure type (rate, proportion, count), unit, group, polarity and default label.
 * Ids follow the JSON contract: police.uk crime types are `recorded-crime.<slug>`, all crime excluding anti-social
 * behaviour `recorded-crime.all`, anti-social behaviour `anti-social-behaviour`; everything else comes from the
 * measures CSV (`reoffending.adult`, `fte.youth`, `hidden.fgm`, …). The config may override label, polarity and
 * target.
 */
import type { Config, Polarity } from '../model/config.js';
import type { IndicatorResult } from '../model/contract.js';
import { CRIME_TYPES, crimeTypeIndicatorId } from '../model/data.js';
import { isProactive } from './findings.js';

/**
 * - `rate`: count per `multiplier` of a population (crude rate, Byar / exact Poisson limits);
 * - `proportion`: numerator out of denominator, shown as a percentage (Wilson limits);
 * - `count`: a count (e.g. hidden-crime reports) with a rate per 1,000 residents where a population is known.
 */
export type MeasureType = 'rate' | 'proportion' | 'count';

export interface IndicatorDefinition {
  id: string;
  label: string;
  group: IndicatorResult['group'];
  type: MeasureType;
  /** Rates: per how many people. Proportions: 100 (percent). */
  multiplier: number;
  unit: string;
  /** The denominator population when it is not in the data: all ages, or 10–17 for youth measures. */
  populationBand: 'all' | '10-17' | null;
  polarity: Polarity;
  target: number | null;
  /** Where the data come from. */
  source: 'police-uk' | 'measures';
  /** For police.uk indicators: CRIME_TYPES indices summed (all crime = every type but ASB). */
  crimeTypes: number[];
  seriesBreaks: { from: string; note: string }[];
}

/** Plainer labels than police.uk's category names where those read oddly in a sentence ("Drugs fell 13%"). */
const CRIME_LABELS: Partial<Record<string, string>> = {
  Drugs: 'Drug offences',
  'Public order': 'Public order offences',
  'Possession of weapons': 'Possession of weapons offences',
};

const SENTENCE_CASE = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Built-in definitions for ids known to swp (before config overrides). */
function builtIn(id: string): Omit<IndicatorDefinition, 'target' | 'seriesBreaks'> | undefined {
  if (id === 'recorded-crime.all') {
    return {
      id, label: 'All recorded crime (excluding anti-social behaviour)', group: 'recorded-crime', type: 'rate', multiplier: 1000,
      unit: 'per 1,000 residents', populationBand: 'all', polarity: 'lower-is-better', source: 'police-uk',
      crimeTypes: CRIME_TYPES.map((_, i) => i).filter((i) => i !== 0),
    };
  }
  const typeIndex = CRIME_TYPES.findIndex((t) => crimeTypeIndicatorId(t) === id);
  if (typeIndex >= 0) {
    return {
      id, label: CRIME_LABELS[CRIME_TYPES[typeIndex]!] ?? CRIME_TYPES[typeIndex]!, group: typeIndex === 0 ? 'anti-social-behaviour' : 'recorded-crime', type: 'rate',
      // Offences found mainly by police activity are neither better nor worse when higher (findings.ts, PROACTIVE_INDICATORS).
      multiplier: 1000, unit: 'per 1,000 residents', populationBand: 'all', polarity: isProactive({ id }) ? 'no-judgement' : 'lower-is-better', source: 'police-uk',
      crimeTypes: [typeIndex],
    };
  }
  const measures = { source: 'measures' as const, crimeTypes: [] };
  if (id === 'reoffending.adult' || id === 'reoffending.youth') {
    return {
      id, label: id === 'reoffending.adult' ? 'Adult proven reoffending' : 'Youth proven reoffending', group: 'reoffending',
      type: 'proportion', multiplier: 100, unit: '% of the cohort reoffending', populationBand: null, polarity: 'lower-is-better', ...measures,
    };
  }
  if (id.startsWith('fte.')) {
    return {
      id, label: 'First-time entrants to the youth justice system', group: 'youth-justice', type: 'rate', multiplier: 100_000,
      unit: 'per 100,000 aged 10 to 17', populationBand: '10-17', polarity: 'lower-is-better', ...measures,
    };
  }
  if (id.startsWith('hidden.')) {
    const name = id.slice('hidden.'.length).replace(/-/g, ' ').replace(/\bfgm\b/, 'female genital mutilation');
    return {
      id, label: `${SENTENCE_CASE(name)} reports`, group: 'hidden-crime', type: 'count', multiplier: 1000,
      unit: 'reports', populationBand: 'all', polarity: 'no-judgement', ...measures,
    };
  }
  if (id === 'treatment.completions') {
    return {
      id, label: 'Successful completions of treatment', group: 'treatment', type: 'proportion', multiplier: 100,
      unit: '% of people in treatment', populationBand: null, polarity: 'higher-is-better', ...measures,
    };
  }
  if (id === 'treatment.re-presentations') {
    return {
      id, label: 'Re-presentations to treatment within six months', group: 'treatment', type: 'proportion', multiplier: 100,
      unit: '% of completions', populationBand: null, polarity: 'lower-is-better', ...measures,
    };
  }
  return undefined;
}

/** A measures indicator swp does not know: a proportion when it has denominators, else a count. */
function generic(id: string, hasDenominator: boolean): Omit<IndicatorDefinition, 'target' | 'seriesBreaks'> {
  return {
    id, label: SENTENCE_CASE(id.replace(/[.-]/g, ' ')), group: 'other', type: hasDenominator ? 'proportion' : 'count',
    multiplier: hasDenominator ? 100 : 1000, unit: hasDenominator ? '%' : 'count', populationBand: hasDenominator ? null : 'all',
    polarity: 'no-judgement', source: 'measures', crimeTypes: [],
  };
}

/** The definition of an indicator, with the config's overrides applied. */
export function defineIndicator(id: string, config: Config, hasDenominator = false): IndicatorDefinition {
  const base = builtIn(id) ?? generic(id, hasDenominator);
  const settings = config.indicators.find((i) => i.id === id);
  return {
    ...base,
    label: settings?.label ?? base.label,
    polarity: settings?.polarity ?? base.polarity,
    target: settings?.target ?? null,
    seriesBreaks: settings?.seriesBreaks ?? [],
  };
}

/** Every police.uk-based indicator id: all crime, each crime type and ASB. */
export const POLICE_INDICATOR_IDS = ['recorded-crime.all', ...CRIME_TYPES.slice(1).map(crimeTypeIndicatorId), crimeTypeIndicatorId(CRIME_TYPES[0])];
