/**
 * The maps of the chapter and their text alternatives, which state the pattern in words (where the highest rates
 * are, where crime is most concentrated), so that the map's meaning never rests on colour alone.
 */
import type { AreaFeature, PlacePoints } from '../../model/places.js';
import { ASB_INDEX } from '../../model/data.js';
import { areaCentre, centroidOf, featureAt, whereInArea } from './geometry.js';
import type { WardRow } from './wards.js';

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** What a choropleth's areas are called in words: wards, or neighbourhoods (LSOAs). */
export interface AreaWords {
  one: string;
  many: string;
}

const WARD_WORDS: AreaWords = { one: 'ward', many: 'wards' };

/** "highest rates in X and Y wards, in the centre; lowest in Z" for a ward (or LSOA) choropleth. */
export function wardMapAlt(what: string, wards: readonly WardRow[], features: readonly AreaFeature[], threshold: number, words: AreaWords = WARD_WORDS): string {
  const rated = wards.filter((w) => w.value !== null).sort((a, b) => b.value! - a.value!);
  if (rated.length === 0) return `${what}: no ${words.one} has a rate that can be shown.`;
  const { centre, reach } = areaCentre(features);
  const byCode = new Map(features.map((f) => [f.code, f]));
  const top = rated.slice(0, Math.min(2, rated.length));
  const places = [...new Set(top.map((w) => byCode.get(w.code)).filter((f): f is AreaFeature => !!f).map((f) => whereInArea(centroidOf(f), centre, reach)))];
  const low = rated[rated.length - 1]!;
  const suppressed = wards.filter((w) => w.suppressed).length;
  return (
    `${what}: highest rates in ${list(top.map((w) => w.name))} ${top.length === 1 ? words.one : words.many}${places.length ? `, ${list(places)}` : ''}; lowest in ${low.name}.` +
    (suppressed ? ` ${suppressed} ${suppressed === 1 ? `${words.one} is` : `${words.many} are`} not shown (fewer than ${threshold} crimes, or it would reveal a ${words.one} that has).` : '') +
    ` The table after the map gives every ${words.one}'s rate.`
  );
}

/** The densest square of about 500 m (0.005° of latitude) of crime points, and how many crimes it holds. */
function densest(points: PlacePoints): { at: [number, number]; count: number } | undefined {
  const cells = new Map<string, number>();
  let best: { key: string; count: number } | undefined;
  for (let i = 0; i < points.lon.length; i++) {
    if (points.type[i] === ASB_INDEX) continue;
    const key = `${Math.floor(points.lon[i]! / 0.008)},${Math.floor(points.lat[i]! / 0.005)}`;
    const n = (cells.get(key) ?? 0) + 1;
    cells.set(key, n);
    if (!best || n > best.count || (n === best.count && key < best.key)) best = { key, count: n };
  }
  if (!best) return undefined;
  const [i, j] = best.key.split(',').map(Number) as [number, number];
  return { at: [(i + 0.5) * 0.008, (j + 0.5) * 0.005], count: best.count };
}

/** "Crime is most concentrated in X ward, in the centre" for the hotspot map. */
export function hotspotAlt(points: PlacePoints, wards: readonly AreaFeature[], topLocation: string | undefined): string {
  const peak = densest(points);
  if (!peak) return 'Hotspots of crime: no crime with a location in the year.';
  const ward = wards.length ? featureAt(wards, peak.at) : undefined;
  const where = wards.length ? whereInArea(peak.at, areaCentre(wards).centre, areaCentre(wards).reach) : '';
  const around = topLocation ? `, around ${topLocation.replace(/^On or near /i, '')}` : '';
  return (
    `Density of crime (excluding anti-social behaviour) from the police.uk map points, shaded from low to high with ward outlines. ` +
    `Crime is most concentrated ${ward ? `in ${ward.name} ward, ` : ''}${where}${around}; elsewhere it is spread more thinly. The attractor list after the map names the points with the most crime.`
  );
}
