// The map's key: a dot per event type, and how to read sizes.
import { PALETTE, paletteName, SHARE_COLORS } from './colors.ts';
import { el, replaceChildren } from './dom.ts';

export function drawLegend(list: HTMLElement): void {
  replaceChildren(list,
    ...PALETTE.map((color, i) => el('li', {}, el('span', { class: 'swatch', style: { background: color }, attrs: { 'aria-hidden': 'true' } }), paletteName(i))),
    el('li', { class: 'hint' }, 'Dot size: fatalities'),
    el('li', { class: 'hint' },
      el('span', { class: 'swatch', style: { background: SHARE_COLORS.none }, attrs: { 'aria-hidden': 'true' } }),
      el('span', { class: 'swatch', style: { background: SHARE_COLORS.all }, attrs: { 'aria-hidden': 'true' } }),
      'Haloed: clusters, blue to red by share of political violence'));
}
