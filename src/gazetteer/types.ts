// The gazetteer's public shapes: what the coder and exporter code against.

/** One GeoNames place (a cities500 row, or a row of a full country dump). */
export interface GazetteerEntry {
  geonameid: number;
  name: string;
  asciiname: string;
  lat: number;
  lon: number;
  featureClass: string;
  featureCode: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
  /** GeoNames admin1 code within the country ('05'), as in the TSV */
  admin1Code: string;
  /** GeoNames admin2 code within admin1 ('8631514'), often empty in cities500 for Mali and Niger */
  admin2Code: string;
  /** GeoNames admin3 code (communes, departments) where the data has one, else '' */
  admin3Code: string;
  population: number;
}

export interface Admin1Ref {
  country: string;
  code: string;
  name: string;
}

export interface Admin1Match extends Admin1Ref {
  /** the region's capital (PPLA/PPLC), where the data has it */
  capital: GazetteerEntry | null;
}

export interface Admin2Ref {
  country: string;
  admin1Code: string;
  code: string;
  name: string;
}

export interface Admin2Match extends Admin2Ref {
  /** the town the unit is named after or administered from */
  seat: GazetteerEntry | null;
}

export interface LookupOptions {
  /** keep only entries of these countries (ISO2) */
  countries?: string[];
  /**
   * 'core' (default): West Africa in full plus the world's towns of 15,000+; 'world': every row of
   * cities500 (that part is built on first use, about 1.5 s).
   */
  scope?: 'core' | 'world';
}

export interface Gazetteer {
  /** Folded exact match on name and alternate names, best first (population, administrative rank). */
  lookup(name: string, opts?: LookupOptions): GazetteerEntry[];
  /** The admin1's name as GeoNames writes it, its "Region" wrapper removed: 'Ségou', 'Tillabéri'. '' if unknown. */
  admin1Name(country: string, admin1Code: string): string;
  /** The admin2's name without its wrapper ('Cercle de Niono' → 'Niono'), or its current name ('Soum'). '' if unknown. */
  admin2Name(country: string, admin1Code: string, admin2Code: string): string;
  /** Regions by name, English/French forms and, for regions named after their capital, the capital's names. */
  findAdmin1(name: string, countries?: string[]): Admin1Match[];
  /** West African cercles, provinces, departments by name; a kind word in the query is ignored ("Soum province"). */
  findAdmin2(name: string, countries?: string[]): Admin2Match[];
  /** The admin3's name (GeoNames has no admin3 code table: the name of the ADM3 feature an import holds). '' if unknown. */
  admin3Name(entry: GazetteerEntry): string;
  /** The country's own GeoNames feature (PCLI and kin) where an import holds it: GeoNames' point for the country. */
  countryFeature(iso2: string): GazetteerEntry | null;
  /** The first-level region's own GeoNames feature (ADM1) where an import holds it. */
  admin1Feature(country: string, admin1Code: string): GazetteerEntry | null;
  /** The admin2 that holds an entry: its own code, else the unit of its admin1 with the nearest seat. */
  admin2For(entry: GazetteerEntry): Admin2Ref | null;
  countryName(iso2: string): string;
  /** numeric ISO 3166-1, the ACLED `iso` column (Mali 466) */
  countryIsoNumeric(iso2: string): number | null;
  /** Country codes whose name (or a short form: "Burkina") this is. */
  findCountry(name: string): string[];
}

export type Relation = 'in' | 'near' | 'outside' | 'between' | 'direction' | 'area';

export interface PlaceMention {
  start: number;
  end: number;
  text: string;
  kind: 'place' | 'admin1' | 'admin2' | 'country';
  relation: Relation | null;
  distanceKm: number | null;
  /** 'north', 'south-west', …: the event lies in that direction from the place */
  bearing: string | null;
  /** places the name may be, best first; empty for a place name missing from the gazetteer */
  candidates: GazetteerEntry[];
  /** admin1 readings: the region itself for kind admin1, the admin2's region for admin2 */
  admin1: Admin1Ref[];
  /** "Sokolo in Ségou": Ségou's mention is Sokolo's container */
  container: PlaceMention | null;
  /** admin2 readings for kind admin2 (empty otherwise) */
  admin2: Admin2Match[];
  /** ISO2 codes for kind country */
  countries: string[];
}
