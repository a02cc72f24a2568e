// Vite's `?url` imports: the file is emitted as a content-hashed asset and the import is its URL. Declared
// here rather than through vite/client so the root tsconfig (which type-checks web/src too) needs nothing else.
declare module '*?url' {
  const url: string;
  export default url;
}

interface Window {
  /** performance.now() when the map first drew the events (read by bench/web.ts) */
  __faultlineFirstMap?: number;
  /** what the browser tests read */
  __faultline?: {
    renderedEventCount(): number; mapVersion: number; pixelOf(lon: number, lat: number): [number, number];
    /** the admin1 outline layer: in the style, and pieces drawn in view */
    outlines(): { layer: boolean; drawn: number };
    /** the clusters drawn and the counts written on them */
    clusterLabels(): { clusters: number; labels: number };
  };
}
