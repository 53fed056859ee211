/**
 * The "Where crime happens" chapter of the assessment: how concentrated crime is (the LSOA table), the ward map,
 * the funnel plot, the hotspot map with the places that attract the most crime, crime by deprivation, and a map per
 * priority with police.uk crime types. Each part appears only when its inputs were given (inputs.places); the
 * chapter says what was left out and why. Words are chosen here; the template (partials/places.hbs) only lays out.
 */
import type { Assessment } from '../model/contract.js';
import type { PlacesDrawing } from '../analysis/places/index.js';
import type { Figure } from './charts-adapter.js';
import { deprivationChart } from './charts/deprivation.js';
import { funnelChart } from './charts/funnel.js';
import type { ChartResult } from './charts/svg.js';
import * as fmt from './format.js';
import { wardChoropleth } from './maps/choropleth.js';
import { hotspotMap } from './maps/hotspot.js';

const figure = (r: ChartResult, caption = r.title): Figure => ({ caption, svg: r.svg, table: { caption: r.table.caption, columns: r.table.columns, rows: r.table.rows } });
/** A map's figure: as a chart's, marked so that its table is called the map's data. */
const mapFigure = (r: ChartResult): Figure & { map: true } => ({ ...figure(r), map: true });

type Places = NonNullable<Assessment['places']>;

/** "Castle and Abbey" from a list of names. */
const and = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** The paragraph under the ward map and funnel plot. */
function wardWords(p: Places): string {
  const wards = p.wards ?? [];
  const higher = wards.filter((w) => w.comparison === 'higher').map((w) => w.name);
  const lower = wards.filter((w) => w.comparison === 'lower').map((w) => w.name);
  const avg = p.average ? ` The partnership average is ${fmt.decimal(p.average.value)} crimes per 1,000 residents.` : '';
  return (
    `${avg} The funnel plot compares each ward with it, allowing for the ward's size: a small ward's rate varies more by chance, so its limits are wider.` +
    (higher.length ? ` ${and(higher)} ${higher.length === 1 ? 'has a rate' : 'have rates'} above the 95% limit.` : ' No ward is above the 95% limit.') +
    (lower.length ? ` ${and(lower)} ${lower.length === 1 ? 'is' : 'are'} below the lower limit.` : '')
  ).trim();
}

/** The paragraph beside the deprivation chart: the ratio of the most to the least deprived tenth, and concentration. */
function deprivationWords(p: Places, area: string): string {
  const r = p.deprivationRatio;
  const ratio = (x: { value: number; ci95: { lower: number; upper: number } | null } | null, what: string) =>
    x ? `${what} was ${fmt.decimal(x.value)} times as common${x.ci95 ? ` (95% CI ${fmt.decimal(x.ci95.lower)} to ${fmt.decimal(x.ci95.upper)})` : ''}` : '';
  const parts = r ? [ratio(r.crime, 'crime'), ratio(r.asb, 'anti-social behaviour')].filter(Boolean) : [];
  const lead = r && parts.length ? `In ${area}'s most deprived neighbourhoods (decile ${r.deciles[0]}) compared with its least deprived (decile ${r.deciles[1]}), ${and(parts)} per resident.` : '';
  const share = Math.round(p.topTenthShare * 100);
  return `${lead} Beside this, crime is concentrated: the tenth of neighbourhoods with the most crime saw ${share}% of it.`.trim();
}

/** The ward maps (all crime first, then a map per priority with police.uk crime types) and the funnel plot. */
function wardFigures(p: Places, d: PlacesDrawing, id: (k: string) => string, year: string): { main: Figure[]; priorities: Figure[] } {
  const main: Figure[] = [];
  const priorities: Figure[] = [];
  for (const layer of d.layers) {
    const f = mapFigure(wardChoropleth(layer, d.wardFeatures, { idPrefix: id(layer.id) }));
    (layer.id === 'ward-rates' ? main : priorities).push(f);
  }
  if (p.wards?.some((w) => w.value !== null) && p.average) main.push(figure(funnelChart(p.wards, p.average, { idPrefix: id('funnel'), title: `Crime rate by ward against the partnership average (funnel plot), ${year}` })));
  return { main, priorities };
}

/** The chapter's view model; null when the assessment has no places section. */
export function placesChapter(a: Assessment, area: string, drawing: PlacesDrawing | undefined, lsoaTable: unknown) {
  const p = a.places;
  if (!p) return null;
  let n = 0;
  const id = (k: string) => `map-${k}-${++n}`;
  const wards = drawing ? wardFigures(p, drawing, id, a.period.label) : { main: [], priorities: [] };
  const hotspot = drawing?.hotspot && drawing.points && (drawing.wardFeatures.length || drawing.lsoaFeatures.length)
    ? mapFigure(hotspotMap({ ...drawing.hotspot, id: id('hotspots'), points: drawing.points, outlines: drawing.wardFeatures.length ? drawing.wardFeatures : drawing.lsoaFeatures, locations: p.locations ?? [] }))
    : null;
  const deprivation = p.deprivation?.length
    ? figure(deprivationChart(p.deprivation, { idPrefix: id('deprivation'), title: `Crime and anti-social behaviour by deprivation, ${a.period.label}`, source: 'English Indices of Deprivation 2019 or WIMD 2019' }))
    : null;
  const lsoaMap = drawing?.lsoaLayer ? mapFigure(wardChoropleth(drawing.lsoaLayer, drawing.lsoaFeatures, { idPrefix: id(drawing.lsoaLayer.id), areas: { column: 'Neighbourhood (LSOA)', many: 'LSOAs', labels: false } })) : null;
  return {
    intro: `Where crime happens in ${area} in ${a.period.label}: by ward, in the places that attract it, and by how deprived the neighbourhood is. Maps show police.uk crime locations, which police.uk moves to the nearest of a set of anonymised map points.`,
    wardMaps: wards.main,
    wardWords: p.wards ? wardWords(p) : '',
    lsoaMap,
    hotspot,
    deprivation,
    deprivationWords: p.deprivation ? deprivationWords(p, area) : '',
    lsoaTable,
    priorityMaps: wards.priorities,
    notes: p.notes ?? [],
  };
}
