// GET /events/points?format=binary: the same columns as the JSON answer, as typed arrays the browser uses in
// place. 100,000 events are ~4.4 MB either way, but the JSON takes the server a JSON.stringify and the page a
// JSON.parse into 800,000 numbers in arrays; the binary answer is written with a DataView and read as views
// on the received buffer, with no parse at all. Shared by the server (encode) and the dashboard (decode):
// no Node.js API here.
//
// Layout, little-endian whatever the platform:
//   uint32            H, the length of the header
//   H bytes           the header, UTF-8 JSON: { count, truncated, types, subTypes, locations }
//   0-7 zero bytes    up to a multiple of 8
//   float64[count]    lon (NaN: no coordinates), then lat, then id
//   int32[count]      fatalities, then day (days since 1970-01-01)
//   uint32[count]     type, then sub, then loc (indices into the header's dictionaries)

export const POINTS_BINARY_TYPE = 'application/vnd.faultline.points';

/** What the encoder reads: the JSON answer's columns (PointsResponse), or anything shaped like them. */
export interface PointColumns {
  count: number;
  truncated: boolean;
  types: string[];
  subTypes: string[];
  locations: string[];
  id: ArrayLike<number>;
  lon: ArrayLike<number | null>;
  lat: ArrayLike<number | null>;
  type: ArrayLike<number>;
  sub: ArrayLike<number>;
  loc: ArrayLike<number>;
  fatalities: ArrayLike<number>;
  day: ArrayLike<number>;
}

/** The decoded answer: typed arrays, NaN where an event has no coordinates. */
export interface DecodedPoints extends PointColumns {
  id: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  type: Uint32Array;
  sub: Uint32Array;
  loc: Uint32Array;
  fatalities: Int32Array;
  day: Int32Array;
}

const BYTES_PER_EVENT = 3 * 8 + 2 * 4 + 3 * 4;

function headerEnd(headerLength: number): number {
  return Math.ceil((4 + headerLength) / 8) * 8;
}

export function encodePoints(p: PointColumns): Uint8Array {
  const n = p.count;
  const header = new TextEncoder().encode(JSON.stringify({ count: n, truncated: p.truncated, types: p.types, subTypes: p.subTypes, locations: p.locations }));
  const start = headerEnd(header.length);
  const bytes = new Uint8Array(start + n * BYTES_PER_EVENT);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, header.length, true);
  bytes.set(header, 4);
  let off = start;
  for (const col of [p.lon, p.lat]) {
    for (let i = 0; i < n; i++, off += 8) v.setFloat64(off, col[i] ?? NaN, true);
  }
  for (let i = 0; i < n; i++, off += 8) v.setFloat64(off, p.id[i]!, true);
  for (const col of [p.fatalities, p.day]) {
    for (let i = 0; i < n; i++, off += 4) v.setInt32(off, col[i]!, true);
  }
  for (const col of [p.type, p.sub, p.loc]) {
    for (let i = 0; i < n; i++, off += 4) v.setUint32(off, col[i]!, true);
  }
  return bytes;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function decodePoints(buffer: ArrayBuffer): DecodedPoints {
  const v = new DataView(buffer);
  const length = v.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length))) as Pick<PointColumns, 'count' | 'truncated' | 'types' | 'subTypes' | 'locations'>;
  const n = header.count;
  if (buffer.byteLength !== headerEnd(length) + n * BYTES_PER_EVENT) throw new Error(`points: ${buffer.byteLength} bytes for ${n} events`);
  let off = headerEnd(length);
  // Views on the buffer itself where the platform is little-endian (every browser in practice), else copies.
  function column<T extends Float64Array | Int32Array | Uint32Array>(Kind: { new(b: ArrayBuffer, o: number, n: number): T; new(n: number): T; BYTES_PER_ELEMENT: number }, get: (o: number) => number): T {
    const at = off;
    off += n * Kind.BYTES_PER_ELEMENT;
    if (LITTLE_ENDIAN) return new Kind(buffer, at, n);
    const out = new Kind(n);
    for (let i = 0; i < n; i++) out[i] = get(at + i * Kind.BYTES_PER_ELEMENT);
    return out;
  }
  const f64 = (): Float64Array => column(Float64Array, (o) => v.getFloat64(o, true));
  const i32 = (): Int32Array => column(Int32Array, (o) => v.getInt32(o, true));
  const u32 = (): Uint32Array => column(Uint32Array, (o) => v.getUint32(o, true));
  const lon = f64();
  const lat = f64();
  const id = f64();
  const fatalities = i32();
  const day = i32();
  const type = u32();
  const sub = u32();
  const loc = u32();
  return { ...header, id, lon, lat, type, sub, loc, fatalities, day };
}
