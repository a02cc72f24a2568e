// The timeline: events per week stacked by type, fatalities as a line over them, the date filter as a
// shaded range. Dragging across weeks (or clicking one) sets the date filter; it always shows every week of
// the other filters, so a selection can be widened again. SVG built node by node: all text is text.
import { PALETTE, paletteName } from './colors.ts';
import { byId, el, fmt, replaceChildren } from './dom.ts';
import { isoOf, type Weekly } from './points.ts';

const SVG = 'http://www.w3.org/2000/svg';
const M = { top: 10, right: 44, bottom: 22, left: 40 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A round number at or above x, for an axis maximum (1, 2, 5 × 10^k). */
function niceMax(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 5, 10].find((m) => m * p >= x) ?? 10) * p;
}

export type BrushHandler = (from: string | null, to: string | null) => void;

export class Timeline {
  private data: Weekly | null = null;
  private selection: [number, number] | null = null;
  private readonly tip = el('div', { class: 'tip', attrs: { role: 'presentation', hidden: true } });
  private readonly clear: HTMLButtonElement;

  constructor(private readonly box: HTMLElement, private readonly onBrush: BrushHandler) {
    this.clear = el('button', { class: 'link', attrs: { type: 'button', hidden: true }, on: { click: () => this.onBrush(null, null) } }, 'All dates');
    byId('timeline-title').append(' ', this.clear);
    new ResizeObserver(() => this.draw()).observe(box);
  }

  /** Draws these weeks; `selection` is the date filter as day numbers. */
  render(data: Weekly, selection: [number, number] | null): void {
    this.data = data;
    this.selection = selection;
    this.clear.hidden = selection === null;
    this.draw();
  }

  private draw(): void {
    const d = this.data;
    if (d === null) return;
    const width = Math.max(200, this.box.clientWidth);
    const height = width < 500 ? 120 : 150;
    const plotW = width - M.left - M.right;
    const plotH = height - M.top - M.bottom;
    const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
    const totals = new Array<number>(d.weeks).fill(0);
    for (const c of d.counts) for (let w = 0; w < d.weeks; w++) totals[w]! += c[w]!;
    const sum = totals.reduce((a, b) => a + b, 0);
    root.setAttribute('aria-label', d.weeks === 0 ? 'No events' : `${fmt.format(sum)} events from ${isoOf(d.start)} to ${isoOf(d.start + d.weeks * 7 - 1)}, per week`);
    root.dataset['events'] = String(sum);
    if (d.weeks === 0) {
      root.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis' }, 'No events'));
      replaceChildren(this.box, root, this.tip);
      return;
    }
    const yMax = niceMax(Math.max(...totals));
    const fMax = niceMax(Math.max(...d.fatalities));
    const bw = plotW / d.weeks;
    const x = (w: number): number => M.left + w * bw;
    const y = (v: number): number => M.top + plotH - (v / yMax) * plotH;

    // One path per type (a few paths, not thousands of rectangles), stacked in palette order.
    const base = new Array<number>(d.weeks).fill(0);
    d.counts.forEach((counts, t) => {
      let path = '';
      for (let w = 0; w < d.weeks; w++) {
        const n = counts[w]!;
        if (n === 0) continue;
        const y0 = y(base[w]!);
        const y1 = y(base[w]! + n);
        path += `M${x(w) + 0.5},${y0}V${y1}H${x(w) + Math.max(1, bw - 1)}V${y0}Z`;
        base[w]! += n;
      }
      if (path !== '') root.append(svg('path', { d: path, fill: PALETTE[t]!, class: 'bars' }));
    });
    let line = '';
    for (let w = 0; w < d.weeks; w++) line += `${w === 0 ? 'M' : 'L'}${x(w) + bw / 2},${M.top + plotH - (d.fatalities[w]! / fMax) * plotH}`;
    root.append(svg('path', { d: line, class: 'fatalities' }));

    // Axes: counts on the left, fatalities on the right, months or years along the bottom.
    root.append(svg('text', { x: M.left - 4, y: M.top + 8, 'text-anchor': 'end', class: 'axis' }, fmt.format(yMax)));
    root.append(svg('text', { x: M.left - 4, y: M.top + plotH, 'text-anchor': 'end', class: 'axis' }, '0'));
    root.append(svg('text', { x: width - M.right + 4, y: M.top + 8, class: 'axis fat' }, `${fmt.format(fMax)} †`));
    const days = d.weeks * 7;
    const every = days > 3 * 365 ? 12 : days > 400 ? 3 : 1;
    const first = new Date(d.start * 86_400_000);
    for (let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)); ; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + every, 1))) {
      if (every === 12 && m.getUTCMonth() !== 0) m = new Date(Date.UTC(m.getUTCFullYear() + 1, 0, 1));
      const day = m.getTime() / 86_400_000;
      if (day > d.start + days) break;
      const px = x((day - d.start) / 7);
      const label = every === 12 || m.getUTCMonth() === 0 ? String(m.getUTCFullYear()) : m.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
      root.append(svg('line', { x1: px, x2: px, y1: M.top + plotH, y2: M.top + plotH + 4, class: 'tick' }));
      root.append(svg('text', { x: px, y: height - 6, 'text-anchor': 'middle', class: 'axis' }, label));
    }

    if (this.selection !== null) {
      const [a, b] = this.selection;
      const xa = Math.max(M.left, x((a - d.start) / 7));
      const xb = Math.min(M.left + plotW, x((b + 1 - d.start) / 7));
      // Dim what lies outside the selection rather than cover what is in it.
      if (xa > M.left) root.append(svg('rect', { x: M.left, y: M.top, width: xa - M.left, height: plotH, class: 'dim' }));
      if (xb < M.left + plotW) root.append(svg('rect', { x: xb, y: M.top, width: M.left + plotW - xb, height: plotH, class: 'dim' }));
      root.append(svg('rect', { x: xa, y: M.top, width: Math.max(1, xb - xa), height: plotH, class: 'selection' }));
    }

    const brush = svg('rect', { x: M.left, y: M.top, width: 0, height: plotH, class: 'brush' });
    const overlay = svg('rect', { x: M.left, y: M.top, width: plotW, height: plotH, class: 'overlay' });
    root.append(brush, overlay);
    this.wire(overlay, brush, d, { bw, plotW, totals });
    replaceChildren(this.box, root, this.tip);
  }

  private wire(overlay: SVGRectElement, brush: SVGRectElement, d: Weekly, g: { bw: number; plotW: number; totals: number[] }): void {
    const weekAt = (clientX: number): number => {
      const r = overlay.getBoundingClientRect();
      return Math.max(0, Math.min(d.weeks - 1, Math.floor(((clientX - r.left) / r.width) * d.weeks)));
    };
    let start: number | null = null;
    let startX = 0;
    overlay.addEventListener('pointerdown', (e) => {
      start = weekAt(e.clientX);
      startX = e.clientX;
      overlay.setPointerCapture(e.pointerId);
    });
    overlay.addEventListener('pointermove', (e) => {
      const w = weekAt(e.clientX);
      this.showTip(d, w, g.totals[w]!, e);
      if (start === null) return;
      const [a, b] = start <= w ? [start, w] : [w, start];
      brush.setAttribute('x', String(M.left + a * g.bw));
      brush.setAttribute('width', String((b - a + 1) * g.bw));
    });
    overlay.addEventListener('pointerleave', () => { this.tip.hidden = true; });
    overlay.addEventListener('pointerup', (e) => {
      if (start === null) return;
      const w = Math.abs(e.clientX - startX) < 3 ? start : weekAt(e.clientX);
      const [a, b] = start <= w ? [start, w] : [w, start];
      start = null;
      this.onBrush(isoOf(d.start + a * 7), isoOf(d.start + b * 7 + 6));
    });
    overlay.addEventListener('pointercancel', () => { start = null; });
  }

  private showTip(d: Weekly, w: number, total: number, e: PointerEvent): void {
    const parts = d.counts.map((c, t) => ({ t, n: c[w]! })).filter((p) => p.n > 0).sort((a, b) => b.n - a.n);
    replaceChildren(this.tip,
      el('strong', {}, `Week of ${isoOf(d.start + w * 7)}`), el('br'),
      `${fmt.format(total)} events · ${fmt.format(d.fatalities[w]!)} fatalities`,
      ...parts.slice(0, 3).map((p) => el('div', {}, el('span', { class: 'swatch', style: { background: PALETTE[p.t]! } }), `${paletteName(p.t)}: ${fmt.format(p.n)}`)));
    const r = this.box.getBoundingClientRect();
    this.tip.hidden = false;
    this.tip.style.left = `${Math.min(r.width - 200, Math.max(0, e.clientX - r.left + 12))}px`;
    this.tip.style.top = '4px';
  }
}
