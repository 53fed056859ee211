/**
 * Every colour the charts draw with, in one place. Each one that carries meaning (lines, markers, bars, text) has
 * a contrast of at least 3:1 against white (WCAG 2.2 SC 1.4.11 non-text contrast; text colours reach 4.5:1, SC
 * 1.4.3); the ratios are computed in test/unit/render/charts/palette.test.ts. The only lighter colours are area
 * fills (`FILLS`), and an area is always outlined in a colour from `PALETTE`, so its extent never depends on them.
 *
 * Colour is never the only cue: SPC meanings and comparison outcomes also have their own marker shape and words,
 * priority criteria their own number (in the key and in each segment).
 */

export const PALETTE = {
  /** Body text, axis labels. */
  text: '#0b0c0c', // 19.6:1
  /** Secondary text (axis titles, notes). */
  muted: '#505a5f', // 7.1:1
  /** Axis lines and ticks. */
  axis: '#505a5f', // 7.1:1
  /** Light gridlines: thin, but still 3:1 so they count as visible. */
  grid: '#949494', // 3.0:1

  /** The local series (trend line, comparison dots when not judged). */
  series: '#1d3f6e', // 10.6:1
  /** Edge of the 95% confidence band. */
  bandEdge: '#5694ca', // 3.2:1
  /** England and Wales reference. */
  national: '#0b0c0c', // 19.6:1

  // NHS "Making Data Count": grey common cause, blue improvement, orange concern, purple neither. MDC's own orange
  // (#fab428, 1.8:1) and blue (#289de0, 3.0:1) are darkened to pass 3:1 with room.
  spcCommon: '#7b7d7d', // 4.1:1 (MDC grey as is)
  spcImprovement: '#1d70b8', // 5.2:1
  spcConcern: '#d45d00', // 3.9:1
  spcNeutral: '#4c2c92', // 10.1:1
  spcMean: '#0b0c0c', // 19.6:1
  spcLimit: '#505a5f', // 7.1:1
  spcTarget: '#b10e1e', // 7.1:1
  spcLine: '#7b7d7d', // 4.1:1

  // Comparison with England and Wales (same hues as the document's status words).
  better: '#00703c', // 6.2:1
  similar: '#505a5f', // 7.1:1
  worse: '#b10e1e', // 7.1:1
  noJudgement: '#4c2c92', // 10.1:1 (higher / lower)
  notCompared: '#505a5f', // 7.1:1
} as const;

/**
 * Categorical colours for the priority criteria, in order; each criterion also has its number drawn in its
 * segments and in the key (priority-matrix.ts), so neighbouring segments differ by more than hue.
 */
export const CATEGORICAL = [
  '#1d3f6e', // navy 10.6:1
  '#d45d00', // orange 3.9:1
  '#00703c', // green 6.2:1
  '#4c2c92', // purple 10.1:1
  '#b10e1e', // red 7.1:1
  '#00727a', // teal 5.7:1
  '#8a4b00', // brown 6.8:1
  '#505a5f', // grey 7.1:1
] as const;

/** Area fills lighter than 3:1; only ever used inside an outline drawn in a `PALETTE` colour. */
export const FILLS = {
  /** Inside the 95% confidence band (outlined in `PALETTE.bandEdge`). */
  band: '#dbe8f5',
  /** Alternate table-like rows (decorative). */
  stripe: '#f3f2f1',
  /** Background of the whole chart. */
  background: '#ffffff',
} as const;
