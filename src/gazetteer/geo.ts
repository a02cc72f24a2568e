// Small spherical geometry: distances for consistency checks, offsets for "30 km north of Gao".

const EARTH_KM = 6371.0088;
const rad = (d: number): number => (d * Math.PI) / 180;
const deg = (r: number): number => (r * 180) / Math.PI;

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const BEARING_DEGREES: Record<string, number> = {
  north: 0, 'north-east': 45, east: 90, 'south-east': 135, south: 180, 'south-west': 225, west: 270, 'north-west': 315,
};

export function bearingDegrees(bearing: string): number | null {
  return BEARING_DEGREES[bearing] ?? null;
}

/** The point `km` away from (lat, lon) in compass direction `bearing` (great circle). */
export function offsetPoint(lat: number, lon: number, km: number, bearing: string): { lat: number; lon: number } {
  const b = bearingDegrees(bearing);
  if (b === null) return { lat, lon };
  const d = km / EARTH_KM;
  const la1 = rad(lat);
  const lo1 = rad(lon);
  const th = rad(b);
  const la2 = Math.asin(Math.sin(la1) * Math.cos(d) + Math.cos(la1) * Math.sin(d) * Math.cos(th));
  const lo2 = lo1 + Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(la1), Math.cos(d) - Math.sin(la1) * Math.sin(la2));
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  return { lat: round(deg(la2)), lon: round(deg(lo2)) };
}
