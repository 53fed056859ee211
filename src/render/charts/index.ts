/**
 * Charts as SVG strings, computed in Node without a browser or a DOM (d3-scale, d3-shape and d3-array for the
 * scales and paths; the markup is written here). Each chart is a pure function from contract data to a
 * `ChartResult`: the accessible `<svg>` (role="img", `<title>`, `<desc>`), its title and text alternative, and
 * its data as a table to show beside it. See README.md in this folder.
 */
export { trendChart, type TrendChartOptions, type TrendInterval } from './trend.js';
export { harmChart, type HarmChartOptions } from './harm.js';
export { axisUnit, MixedUnitsError, nationalUnit, type AxisSeries } from './units.js';
export { comparisonChart, type ComparisonChartOptions } from './comparison.js';
export { spcChart, SPC_SHAPES, type SpcChartOptions, type SpcData } from './spc.js';
export { priorityMatrix, criterionStyle, type Priority, type PriorityMatrixOptions } from './priority-matrix.js';
export { peerGroupChart, peerGroupSentence, type PeerGroupChartOptions } from './peer-group.js';
export { rateRatioChart } from './rate-ratio.js';
export { chargedShareChart } from './outcomes.js';
export { CATEGORICAL, FILLS, PALETTE } from './palette.js';
export { escapeXml, type BaseChartOptions, type ChartResult, type ChartTable } from './svg.js';
