// How many events a cluster holds, written on it. MapLibre draws text only with glyph files served beside the
// style, which a dashboard working offline does not have; a label drawn in a canvas and added as an image
// needs none. Each count is drawn once, when the map first asks for it.
import type { ExpressionSpecification, Map as MapLibre } from 'maplibre-gl';

const PREFIX = 'count:';

/** The image a cluster shows: one per count, drawn when missing. */
export const COUNT_IMAGE: ExpressionSpecification = ['concat', PREFIX, ['to-string', ['get', 'point_count']]];

/** A count in at most four characters, rounded down so a label never claims more than there is: 1,999 -> 1.9k. */
export function abbreviate(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(Math.floor(n / 100) / 10).toFixed(1)}k`;
  if (n < 1_000_000) return `${Math.floor(n / 1000)}k`;
  return `${(Math.floor(n / 100_000) / 10).toFixed(1)}M`;
}

function labelImage(text: string, ratio: number): ImageData | null {
  const ctx = document.createElement('canvas').getContext('2d');
  if (ctx === null) return null;
  const font = `600 ${11 * ratio}px system-ui, sans-serif`;
  ctx.font = font;
  const width = Math.ceil(ctx.measureText(text).width + 6 * ratio);
  const height = Math.ceil(16 * ratio);
  ctx.canvas.width = width;
  ctx.canvas.height = height;
  // Resizing the canvas resets its state.
  ctx.font = font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3 * ratio;
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.strokeText(text, width / 2, height / 2);
  ctx.fillStyle = '#ffffff';
  ctx.fillText(text, width / 2, height / 2);
  return ctx.getImageData(0, 0, width, height);
}

/** Draws the count images the map asks for (the layer's icon-image is COUNT_IMAGE). */
export function drawCountsOnDemand(map: MapLibre): void {
  map.on('styleimagemissing', (e: { id: string }) => {
    if (!e.id.startsWith(PREFIX) || map.hasImage(e.id)) return;
    const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
    const image = labelImage(abbreviate(Number(e.id.slice(PREFIX.length))), ratio);
    if (image !== null) map.addImage(e.id, image, { pixelRatio: ratio });
  });
}
