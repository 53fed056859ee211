/** The fixed text of the documents: methods with their references, and the glossary. */
import { MIN_TREND_YEARS } from '../analysis/findings.js';

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five'];

/** Each method in two lines, with its source (the README's "Methods" says the same). */
export const METHODS: { name: string; text: string; source: string }[] = [
  {
    name: 'Rates and their confidence intervals',
    text: 'Crimes per 1,000 residents use the mid-year population of the year in which the financial year starts. The 95% confidence interval uses exact Poisson limits for counts below 10 and Byar’s method from 10.',
    source: 'Public Health England, "Technical guide: confidence intervals"; the R package PHEindicatormethods (phe_rate).',
  },
  {
    name: 'Proportions',
    text: 'Proportions such as proven reoffending have Wilson score confidence intervals.',
    source: 'Wilson (1927); Newcombe (1998); PHEindicatormethods (phe_proportion).',
  },
  {
    name: 'Comparison with England and Wales',
    text: 'A figure is "better" or "worse" only when its whole 95% confidence interval lies on one side of the national value; otherwise it is "similar". Where higher is neither better nor worse (for example reports of hidden crime), the words are "higher" and "lower". So it is for drug offences and possession of weapons: these offences are mostly found by police activity (stop and search, warrants), so their numbers follow how much the police look for them, and a higher figure is not worse.',
    source: 'Office for Health Improvement and Disparities, Fingertips technical guidance (benchmarking by overlapping confidence intervals).',
  },
  {
    name: 'Most similar group',
    text: 'As the Home Office\'s iQuanta shows it: each similar partnership\'s rate from the Home Office recorded crime table, over the quarters every one of them has in full (a partnership without them is left out and named in the notes); the group average is the average of the peers\' rates; rank 1 is the lowest rate. The limits are the range of rates a partnership of our population would have by chance if its true rate were the group\'s pooled rate (all the group\'s crimes over all its residents): exact Poisson limits at 95% and 99.8%. Outside the 99.8% limits, our rate is called higher or lower than expected for a partnership of our size.',
    source: 'Home Office iQuanta (most similar groups); APHO Technical Briefing 2, Flowers (2007); Spiegelhalter (2005), Statistics in Medicine 24:1185–1202.',
  },
  {
    name: 'Change on the year before',
    text: 'Counts and rates are compared with the same period a year earlier by an exact test for two Poisson counts (the conditional binomial test); proportions by a two-sample chi-squared test. A change is called significant when p < 0.05. Counts and rates change by a percentage ("+8%"); proportions change in percentage points ("+1.3 pp"), in the tables and the text alike.',
    source: 'R poisson.test and prop.test; Przyborowski and Wilenski (1940).',
  },
  {
    name: 'Long-term trend',
    text: `Up to five financial years are tested for a linear trend: a chi-squared score test for trend in Poisson rates, and the chi-squared test for trend in proportions. Fewer than ${NUMBER_WORDS[MIN_TREND_YEARS] ?? MIN_TREND_YEARS} years with figures: no trend is given.`,
    source: 'Breslow and Day (1987); Armitage (1955); R prop.trend.test.',
  },
  {
    name: 'Statistical process control',
    text: 'Monthly series are drawn as XmR charts with limits at the mean ± 2.66 × the mean moving range, and special-cause rules: a point beyond a limit, 7 points on one side of the mean, 7 points rising or falling, 2 of 3 points near a limit.',
    source: 'NHS England "Making Data Count"; the R package NHSRplotthedots (ptd_spc).',
  },
  {
    name: 'Harm',
    text: 'Each crime type is weighted by the Cambridge Crime Harm Index: the days of imprisonment that a first offence of that kind would attract under sentencing guidelines, averaged over the offences in the police.uk category.',
    source: 'Sherman, Neyroud and Neyroud (2016), Policing 10(3):171–183; each police.uk category’s weight is the average over the offences it contains, as set out in the swp documentation on harm weights.',
  },
  {
    name: 'Targets (RAG)',
    text: 'Red, amber and green compare a figure with the partnership’s target, not with other areas: green meets the target, amber misses it by up to 5%, red by more. The target is printed under the status; "No target" means none is set, "No data" that there is no figure to compare. A measure published later (proven reoffending) is judged on its latest published year, in the strategic assessment and the quarterly report alike. This is separate from statistical significance.',
    source: 'The partnership’s configuration (rag settings).',
  },
  {
    name: 'Small numbers',
    text: 'Counts that could identify a person are replaced by [c], and so is any figure from which they could be worked out.',
    source: 'Government Statistical Service, disclosure control guidance; "Symbols in tables, definitions and help" (2021).',
  },
];

export const GLOSSARY: { term: string; definition: string }[] = [
  { term: 'Anti-social behaviour (ASB)', definition: 'Behaviour that caused or was likely to cause harassment, alarm or distress. Recorded as incidents, not crimes, so it is counted separately from "all crime".' },
  { term: 'Community Safety Partnership (CSP)', definition: 'The council, police, fire and rescue, probation and health services working together on crime, disorder, substance misuse and reoffending in an area.' },
  { term: 'Confidence interval', definition: 'The range within which the true value probably lies (95% of the time), given the chance variation in counts of events.' },
  { term: 'First-time entrant (FTE)', definition: 'A young person aged 10 to 17 who receives their first youth caution or conviction.' },
  { term: 'Financial year', definition: 'April to March, e.g. 2016/17 runs from 1 April 2016 to 31 March 2017.' },
  { term: 'LSOA', definition: 'Lower-layer Super Output Area: a small statistical area of about 1,500 residents, used by police.uk to place crimes.' },
  { term: 'Most similar group (MSG)', definition: 'Partnerships with similar populations and social characteristics, used for fairer comparison than the national average.' },
  { term: 'Proven reoffending', definition: 'The share of a cohort of offenders who commit an offence within a year that is proven by a court conviction or a caution.' },
  { term: 'Percentage points (pp)', definition: 'The difference between two percentages: from 28.8% to 30.1% is a rise of 1.3 percentage points.' },
  { term: 'RAG', definition: 'Red, amber, green: how a figure stands against its target.' },
  { term: 'Statistically significant', definition: 'Unlikely to be down to chance alone (at the 5% level). A change that is not significant may still be real, but the data cannot show it.' },
  { term: 'SPC chart', definition: 'Statistical process control chart: shows whether month-to-month variation is ordinary ("common cause") or a sign that something has changed ("special cause").' },
  { term: '[c], [x], [z], [p], [r]', definition: 'Official symbols: [c] not shown to protect confidentiality, [x] not available, [z] not applicable, [p] provisional, [r] revised.' },
];
