/**
 * Attractors: the police.uk map points ("On or near …", the Location column) with the most crime in the year. police.uk
 * snaps each crime to one of a set of anonymised points, so a point is a street, a car park, a shopping area; the
 * points that draw the most crime are where place-based work starts. Points with fewer crimes than the disclosure
 * threshold are never listed.
 */
import type { Places } from '../../model/contract.js';
import { ASB_INDEX, type PoliceUkData } from '../../model/data.js';
import type { PlacePoints } from '../../model/places.js';

/** How many locations the documents list. */
const LISTED = 10;

/** The top locations by crime (excluding anti-social behaviour), most first; ties by LSOA then location. */
export function topLocations(points: PlacePoints, data: PoliceUkData, threshold: number, listed = LISTED): NonNullable<Places['locations']> {
  const counts = new Uint32Array(points.locations.length);
  for (let i = 0; i < points.type.length; i++) if (points.type[i] !== ASB_INDEX) counts[points.location[i]!]!++;
  const rows = points.locations.map((key, k) => {
    const [lsoa = '', location = ''] = key.split('\t');
    return { location, lsoa, lsoaName: data.byLsoa.get(lsoa)?.name ?? lsoa, count: counts[k]! };
  });
  return rows
    .filter((r) => r.count >= threshold)
    .sort((a, b) => b.count - a.count || (a.lsoa < b.lsoa ? -1 : a.lsoa > b.lsoa ? 1 : a.location < b.location ? -1 : 1))
    .slice(0, listed);
}
