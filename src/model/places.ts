/**
 * The geography the "Where crime happens" chapter draws on: boundaries (ONS GeoJSON), the LSOA → ward → local
 * authority lookup (ONS), deprivation deciles (MHCLG IMD 2019, Welsh Government WIMD 2019), LSOA populations (ONS
 * mid-year estimates) and the area's police.uk points. Every part is optional: what is not given is left out of the
 * documents with a note, never guessed.
 */

/** A polygon ring list as GeoJSON has it: [longitude, latitude] pairs, WGS84. */
export type Position = [number, number];

/** A GeoJSON Polygon or MultiPolygon geometry (the only kinds ONS boundary files hold). */
export type AreaGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** One boundary: its GSS code, name and shape. */
export interface AreaFeature {
  code: string;
  name: string;
  geometry: AreaGeometry;
}

/** A boundary file's kept features, with the property names that identified them (e.g. LSOA21CD / LSOA21NM). */
export interface BoundarySet {
  kind: 'lsoa' | 'ward';
  /** The code property, e.g. LSOA21CD or WD23CD. */
  codeProperty: string;
  file: string;
  features: AreaFeature[];
  /** Features in the file, kept or not. */
  read: number;
}

/** One row of the ONS LSOA → ward → local authority lookup. */
export interface WardOfLsoa {
  ward: string;
  wardName: string;
  lad: string;
  ladName: string;
}

/** The geography inputs read for the area. */
export interface PlacesGeography {
  lsoaBoundaries?: BoundarySet;
  wardBoundaries?: BoundarySet;
  /** LSOA code → its ward and local authority, for the area's LSOAs. */
  lookup: Map<string, WardOfLsoa>;
  /** The lookup's code column, e.g. LSOA21CD, and ward column, e.g. WD23CD (for notes). */
  lookupColumns?: { lsoa: string; ward: string };
  /** LSOA code → deprivation decile (1 = most deprived tenth), and which index it is from. */
  deprivation: Map<string, number>;
  deprivationSource?: string;
  /** LSOA code → residents (mid-year estimate), and the year. */
  lsoaPopulation: Map<string, number>;
  lsoaPopulationYear?: number;
  /** What is missing and so left out, in plain words. */
  notes: string[];
  /** The area's located police.uk rows of the document's year, read when the chapter is drawn (src/ingest/places-points.ts). */
  points?: PlacePoints;
}

/** The area's police.uk rows with a location, for the hotspot map and the attractor list. */
export interface PlacePoints {
  lon: Float64Array;
  lat: Float64Array;
  /** Crime type index (as CRIME_TYPES) of each point. */
  type: Uint8Array;
  /** Index into `locations` of each point. */
  location: Uint32Array;
  /** Distinct "LSOA code\tOn or near …" keys. */
  locations: string[];
  months: string[];
}
