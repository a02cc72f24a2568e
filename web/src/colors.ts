// One colour per ACLED event type (Okabe-Ito, readable by colour-blind users), the same on the map, the
// timeline, the list and the legend. Types outside the codebook (an ACLED import's oddities) are grey.
import { DISORDER_TYPE, EVENT_TYPE_NAMES } from '../../src/domain/codebook.ts';

export const TYPE_NAMES: readonly string[] = EVENT_TYPE_NAMES;

const BY_TYPE: Record<string, string> = {
  Battles: '#d55e00',
  'Explosions/Remote violence': '#e69f00',
  'Violence against civilians': '#b0478e',
  Protests: '#0072b2',
  Riots: '#56b4e9',
  'Strategic developments': '#009e73',
};
export const OTHER_COLOR = '#777777';

/** Colours by palette index: the codebook's types in its order, then "other". */
export const PALETTE: readonly string[] = [...TYPE_NAMES.map((t) => BY_TYPE[t] ?? OTHER_COLOR), OTHER_COLOR];
export const OTHER_INDEX = TYPE_NAMES.length;

export function paletteIndex(type: string): number {
  const i = TYPE_NAMES.indexOf(type);
  return i < 0 ? OTHER_INDEX : i;
}

export function colorOf(type: string): string {
  return PALETTE[paletteIndex(type)]!;
}

export function paletteName(i: number): string {
  return TYPE_NAMES[i] ?? 'Other';
}

/** Palette indices of the types ACLED counts as political violence (battles, explosions, violence against civilians). */
export const VIOLENT_INDICES: readonly number[] = EVENT_TYPE_NAMES.flatMap((t, i) => (DISORDER_TYPE[t] === 'Political violence' ? [i] : []));

/** A cluster's colour by its share of political violence: the protest blue, through purple, to the battle red. */
export const SHARE_COLORS = { none: '#0072b2', half: '#8a4fa0', all: '#d55e00' } as const;
