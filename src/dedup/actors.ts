// Do two reports name the same actors? Order is ignored (one outlet's "JNIM attacked the army" is
// another's "soldiers clashed with JNIM"); at least one actor must be the same, and no side may hold
// two different named actors.
import type { Codable } from './codable.ts';
import { shippedActorKinds, type ActorView } from './actor-kinds.ts';
import { splitActorList } from './names.ts';

export interface Side {
  primary: ActorView;
  associates: ActorView[];
}

export type SideRelation = 'shared' | 'compatible' | 'different';

export interface SideMatch {
  relation: SideRelation;
  /** The actor both reports name on this side, when they share one. */
  shared: string | null;
}

export interface ActorComparison {
  ok: boolean;
  /** A side holds two different named actors: proof of two events, not just a lack of evidence. */
  contradicted: boolean;
  score: number;
  /** Whether b's actor1 lines up with a's actor2. */
  swapped: boolean;
  reasons: string[];
  /** Sides, named as in `a`, whose actors disagree without ruling the match out. */
  conflicts: Array<'actor1' | 'actor2'>;
}

export function sidesOf(e: Pick<Codable, 'actor1' | 'actor2' | 'assoc_actor_1' | 'assoc_actor_2'>): [Side, Side] {
  const kinds = shippedActorKinds();
  const side = (primary: string, assoc: string): Side => ({
    primary: kinds.view(primary),
    associates: splitActorList(assoc).map((n) => kinds.view(n)),
  });
  return [side(e.actor1, e.assoc_actor_1), side(e.actor2, e.assoc_actor_2)];
}

const isVague = (v: ActorView): boolean => v.kind === 'none' || v.kind === 'unidentified' || v.kind === 'collective';

export function relateSides(x: Side, y: Side): SideMatch {
  const named = (s: Side): ActorView[] => [s.primary, ...s.associates].filter((v) => v.kind !== 'none');
  const ys = named(y);
  for (const v of named(x)) {
    const match = ys.find((w) => w.identity === v.identity);
    if (match) return { relation: 'shared', shared: v.original };
  }
  // An unidentified group, the victims or a missing actor2 contradict nobody.
  if (isVague(x.primary) || isVague(y.primary)) return { relation: 'compatible', shared: null };
  // "JNIM and/or Islamic State (Greater Sahara)" is compatible with either group.
  const overlap = x.primary.candidates.some((c) => y.primary.candidates.includes(c));
  return { relation: overlap ? 'compatible' : 'different', shared: null };
}

/**
 * Whether two primary actors of one side disagree in a way the store should flag: naming a group that
 * another outlet left unidentified refines the report, but soldiers vs civilians is a real disagreement.
 */
export function actorsDisagree(x: ActorView, y: ActorView): boolean {
  if (x.kind === 'none' || y.kind === 'none' || x.kind === 'unidentified' || y.kind === 'unidentified') return false;
  if (x.identity === y.identity) return false;
  const refines = (u: ActorView, w: ActorView): boolean => u.kind === 'alternatives' && w.candidates.some((c) => u.candidates.includes(c));
  return !(refines(x, y) || refines(y, x));
}

interface Alignment {
  swapped: boolean;
  matches: [SideMatch, SideMatch];
  pairs: [[Side, Side], [Side, Side]];
}

function align(a: [Side, Side], b: [Side, Side], swapped: boolean): Alignment {
  const [b1, b2] = swapped ? [b[1], b[0]] : [b[0], b[1]];
  return {
    swapped,
    matches: [relateSides(a[0], b1), relateSides(a[1], b2)],
    pairs: [
      [a[0], b1],
      [a[1], b2],
    ],
  };
}

const sharedCount = (al: Alignment): number => al.matches.filter((m) => m.relation === 'shared').length;
const uncontradicted = (al: Alignment): boolean => al.matches.every((m) => m.relation !== 'different');
const acceptable = (al: Alignment): boolean => sharedCount(al) > 0 && uncontradicted(al);

/**
 * The reading of b's actors against a's that fits best. An actor both name fixes the reading: if the other
 * side then holds two different named groups (JNIM/civilians vs Islamic State/civilians), the reports are
 * ruled out, however well the reverse reading would fit. Without a common actor the reading free of
 * contradiction is taken, so the reports stay unproven rather than ruled out. Ties: more shared, as written.
 */
export function bestAlignment(a: [Side, Side], b: [Side, Side]): Alignment {
  const direct = align(a, b, false);
  const reversed = align(a, b, true);
  const tier = (al: Alignment): number => (acceptable(al) ? 3 : sharedCount(al) > 0 ? 2 : uncontradicted(al) ? 1 : 0);
  const rank = (al: Alignment): number => tier(al) * 10 + sharedCount(al);
  return rank(reversed) > rank(direct) ? reversed : direct;
}

export function compareActors(a: Codable, b: Codable): ActorComparison {
  const al = bestAlignment(sidesOf(a), sidesOf(b));
  const ok = acceptable(al);
  const reasons: string[] = [];
  const conflicts: Array<'actor1' | 'actor2'> = [];
  if (al.swapped) reasons.push('actors in reverse order');
  al.matches.forEach((m, i) => {
    const field = i === 0 ? 'actor1' : 'actor2';
    const [x, y] = al.pairs[i] as [Side, Side];
    const shown = (s: Side): string => s.primary.original || '(none)';
    if (m.relation === 'shared') reasons.push(`${field}: both name ${m.shared}`);
    else if (m.relation === 'compatible') reasons.push(`${field}: ${shown(x)} / ${shown(y)} compatible`);
    else reasons.push(`${field}: two different named actors (${shown(x)} / ${shown(y)})`);
    if (actorsDisagree(x.primary, y.primary)) conflicts.push(field);
  });
  if (sharedCount(al) === 0) reasons.push('no actor in common');
  const score = !ok ? 0 : sharedCount(al) === 2 ? 1 : 0.75;
  const contradicted = !uncontradicted(al);
  return { ok, contradicted, score, swapped: al.swapped, reasons, conflicts };
}
