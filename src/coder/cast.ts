// actor1 and actor2 for a coded frame, by the codebook's conventions for each event type:
// victims of violence against civilians are always actor2, protesters and rioters are actor1,
// an unknown perpetrator is the Unidentified Armed Group of the country.
import type { Claim, Evidence, EventType, SubEventType } from '../domain/index.ts';
import { eventTypeOf } from '../domain/index.ts';
import { genericActor, resolveActor, type ActorKind, type ResolvedActor } from '../actors/index.ts';
import type { RoledActor } from './roles.ts';
import type { PeopleSide } from '../locales/event-lexicon.ts';

export interface Cast {
  actor1: ResolvedActor | null;
  actor2: ResolvedActor | null;
  evidence: Evidence[];
  /** Who says which group did it: "JNIM claimed responsibility", "security sources blamed the Katiba Macina". */
  claims: Claim[];
}

interface CastInput {
  sub: SubEventType;
  roled: RoledActor[];
  country: string | null;
  admin1: string | null;
  date: string;
  victimSides: Set<PeopleSide>;
}

const ARMED_RANK: Partial<Record<ActorKind, number>> = {
  named: 5,
  ethnic_militia: 4,
  communal_militia: 4,
  external: 3,
  state: 3,
  police: 3,
  unidentified: 1,
};

function isViolent(sub: SubEventType): boolean {
  const type = eventTypeOf(sub);
  return type === 'Battles' || type === 'Violence against civilians' || type === 'Explosions/Remote violence';
}

function rank(r: RoledActor): number {
  const base = ARMED_RANK[r.mention.kind] ?? 0;
  // a group the dictionary names ("Dan Na Ambassagou") says more than a generic reading ("Dogon militiamen")
  // (not among state forces: "Burkinabe troops supported by French soldiers of Barkhane" is Burkina's act)
  const stateLike = r.mention.kind === 'state' || r.mention.kind === 'police' || r.mention.kind === 'external';
  if (base > 0 && !stateLike && !r.mention.entryId.startsWith('generic.')) return base + 0.5;
  // "gunmen believed to be Islamist militants": the reading that says who they are says more than "gunmen"
  if (r.mention.kind === 'unidentified' && r.mention.cues?.includes('islamist')) return base + 0.25;
  return base;
}

function best(list: RoledActor[], filter: (r: RoledActor) => boolean = () => true): RoledActor | null {
  let top: RoledActor | null = null;
  for (const r of list) if (filter(r) && (!top || rank(r) > rank(top))) top = r;
  return top;
}

const isArmed = (r: RoledActor) => rank(r) > 0;
/** The same actor twice: one dictionary entry, and for a generic reading the same community ("Fulani" and
 * "Dogon" militias are two sides). */
const sameActor = (a: RoledActor, b: RoledActor | null): boolean =>
  b !== null && a.mention.entryId === b.mention.entryId && a.mention.kind === b.mention.kind && a.mention.ethnicity === b.mention.ethnicity;
const isState = (r: RoledActor) => ['state', 'police', 'external'].includes(r.mention.kind);

export function castActors(input: CastInput): Cast {
  const cast = castByType(input);
  const claims: Claim[] = [];
  for (const r of input.roled) {
    if (r.role !== 'blamed' || !r.blame) continue;
    const name = resolveActor(r.mention, { country: input.country, date: input.date, ...(input.admin1 ? { admin1: input.admin1 } : {}) }).name;
    if (name !== cast.actor1?.name && name !== cast.actor2?.name) continue;
    const field = name === cast.actor1?.name ? 'actor1' : 'actor2';
    // "JNIM claimed responsibility", "said it carried out": the group speaks for itself; "sources blamed X",
    // "X were suspected": the sources do
    const own = r.blame.direction === 'before' && !/suspect|blam|soupcon/.test(r.blame.text);
    const source = r.sentence.attributions.find((a) => a.claimant && !(a.claimantSpan && a.claimantSpan.start <= r.mention.start && a.claimantSpan.end >= r.mention.end));
    const claimant = own ? r.mention.text : (source?.claimant ?? '');
    if (!claimant || claims.some((c) => c.field === field && c.value === name)) continue;
    const attribution = own ? r.sentence.attributions.find((a) => a.claimantSpan && a.claimantSpan.start <= r.mention.start && a.claimantSpan.end >= r.mention.end) : source;
    claims.push({
      field,
      value: name,
      claimant,
      ...(attribution?.channel ? { channel: attribution.channel } : {}),
      ...(attribution?.date ? { date: attribution.date } : {}),
      span: { start: r.mention.start, end: r.mention.end, text: r.mention.text },
    });
  }
  return { ...cast, claims };
}

function castByType(input: CastInput): Omit<Cast, 'claims'> {
  const { country, date } = input;
  // a mention that only describes another ("part of the JNIM coalition") is no party to the event
  const roled = input.roled.filter((r) => r.role !== 'described');
  const ctx = { country, date, ...(input.admin1 ? { admin1: input.admin1 } : {}) };
  const evidence: Evidence[] = [];
  const resolve = (r: RoledActor | null, field: string): ResolvedActor | null => {
    if (!r) return null;
    evidence.push({ field, start: r.mention.start, end: r.mention.end, text: r.mention.text });
    return resolveActor(r.mention, r.suspected ? { ...ctx, suspected: true } : ctx);
  };
  const generic = (kind: ActorKind): ResolvedActor | null => (country ? genericActor(kind, ctx) : null);

  // Herders or villagers who do the killing are an ethnic militia when the report names their community; in a
  // battle ("clashes between Fulani herders and Dogon farmers") both sides fight, whatever their role in the clause.
  const battle = eventTypeOf(input.sub) === 'Battles';
  const roledArmed = roled.map((r) =>
    (r.role === 'agent' || (battle && r.role !== 'blamed')) && r.mention.kind === 'civilians' && r.mention.ethnicity !== null && isViolent(input.sub)
      ? { ...r, mention: { ...r.mention, kind: 'ethnic_militia' as const, entryId: 'generic.militia' } }
      : r,
  );
  const agents = roledArmed.filter((r) => r.role === 'agent');
  const patients = roledArmed.filter((r) => r.role === 'patient' || r.role === 'other');
  const targets = roledArmed.filter((r) => r.role === 'patient');
  const blamed = best(roled.filter((r) => r.role === 'blamed'), isArmed);
  // the clause's subject acts: "Malian troops accompanied by Dozo hunters" is the army's act; a rank
  // only lifts a named or organised group above "gunmen"
  // The sentence that first names an armed doer tells who did it ("At least 30 gunmen attacked...";
  // a later "the possibility of soldiers linked to the coup" is conjecture).
  const firstArmed = agents.find((r) => isArmed(r));
  const leadAgents = firstArmed ? agents.filter((r) => r.sentence === firstArmed.sentence) : [];
  let perpetrator = leadAgents.find((r) => rank(r) >= 3) ?? best(leadAgents, (r) => isArmed(r));
  if (blamed && (!perpetrator || (rank(blamed) > rank(perpetrator) && !isState(perpetrator)))) perpetrator = blamed;
  const type: EventType = eventTypeOf(input.sub);
  const kindOf = (r: RoledActor | null) => r?.mention.kind ?? null;

  switch (type) {
    case 'Violence against civilians': {
      const victim = best(patients, (r) => r.mention.kind === 'civilians') ?? best(agents, (r) => r.mention.kind === 'civilians');
      const a1 = resolve(perpetrator, 'actor1') ?? generic('unidentified');
      const a2 = resolve(victim, 'actor2') ?? generic('civilians');
      return { actor1: a1, actor2: a2, evidence };
    }
    case 'Protests': {
      const crowd = roled.find((r) => r.mention.kind === 'protesters') ?? null;
      const a1 = resolve(crowd, 'actor1') ?? generic('protesters');
      // whoever broke the protest up: police by default when the report only says "security forces"
      const force = input.sub === 'Peaceful protest' ? null : best(roled.filter((r) => r.role !== 'blamed'), isArmed);
      return { actor1: a1, actor2: force ? crowdControl(force, resolve(force, 'actor2'), ctx) : null, evidence };
    }
    case 'Riots': {
      const crowd = roled.find((r) => r.mention.kind === 'rioters') ?? null;
      const a1 = resolve(crowd, 'actor1') ?? generic('rioters');
      const target = best(patients.filter((r) => r !== crowd && r.role === 'patient' && r.mention.kind !== 'protesters'), isArmed) ??
        patients.find((r) => r.role === 'patient' && r.mention.kind === 'civilians') ?? null;
      let a2 = target ? crowdControl(target, resolve(target, 'actor2'), ctx) : null;
      // a mob's victims are civilians unless the report names an armed target
      if (!a2 && input.sub === 'Mob violence') a2 = generic('civilians');
      return { actor1: a1, actor2: a2, evidence };
    }
    case 'Battles': {
      // Territory changes hands: the side that takes it is actor1.
      if (input.sub === 'Government regains territory') perpetrator = best(agents, isState) ?? best(roled, isState) ?? perpetrator;
      if (input.sub === 'Non-state actor overtakes territory')
        perpetrator = best(agents, (r) => isArmed(r) && !isState(r)) ?? perpetrator;
      let side1 = perpetrator;
      let side2 = best(patients.filter((r) => r !== side1 && !sameActor(r, side1)), isArmed) ??
        best(roledArmed.filter((r) => r !== side1 && !sameActor(r, side1) && r.role !== 'blamed'), isArmed);
      // a group named only as suspected ("killed two suspected ISGS militants") is still the other side
      if (!side2 && blamed && !sameActor(blamed, side1)) side2 = blamed;
      if (!side1 && side2) {
        // "clashes between X and Y": two sides and no doer; take both
        side1 = side2;
        const first = side1;
        side2 = best(patients.filter((r) => !sameActor(r, first)), isArmed);
      }
      // "the attackers" of an ambush are the group the sources blame, when they name one
      if (blamed && !isState(blamed) && !sameActor(blamed, side1) && !sameActor(blamed, side2)) {
        if (side2?.mention.kind === 'unidentified' && rank(blamed) > rank(side2)) side2 = blamed;
        else if (side1?.mention.kind === 'unidentified' && rank(blamed) > rank(side1)) side1 = blamed;
      }
      let a1 = resolve(side1, 'actor1');
      let a2 = resolve(side2, 'actor2');
      if (a1 && !a2) a2 = kindOf(side1) === 'unidentified' || kindOf(side1) === 'named' ? generic('state') : generic('unidentified');
      if (!a1) a1 = generic('unidentified');
      if (a1 && a2 && a1.name === a2.name) a2 = generic(kindOf(side1) === 'state' ? 'unidentified' : 'state');
      return { actor1: a1, actor2: a2, evidence };
    }
    case 'Explosions/Remote violence': {
      // soldiers whose vehicle "hit a mine" suffer the blast: a planted device is someone else's doing
      if (input.sub === 'Remote explosive/landmine/IED' && perpetrator && (isState(perpetrator) || perpetrator.mention.kind === 'civilians')) {
        targets.push({ ...perpetrator, role: 'patient' });
        perpetrator = blamed;
      }
      const a1 = resolve(perpetrator, 'actor1') ?? generic('unidentified');
      const target = best(targets.filter((r) => r !== perpetrator && r.mention.entryId !== perpetrator?.mention.entryId), (r) => r.mention.kind !== 'protesters');
      let a2 = resolve(target, 'actor2');
      if (!a2 && input.victimSides.has('civilian') && !input.victimSides.has('state')) a2 = generic('civilians');
      if (!a2 && input.victimSides.has('state')) a2 = generic('state');
      if (!a2 && input.sub === 'Air/drone strike') a2 = generic('unidentified');
      if (a1 && a2 && a1.name === a2.name) a2 = null;
      return { actor1: a1, actor2: a2, evidence };
    }
    default: {
      // Strategic developments: the actor who acts, and whom it acts on when the report says.
      let a1r = perpetrator ?? best(agents) ?? best(roled.filter((r) => r.role !== 'blamed'), isArmed) ?? null;
      const byState = input.sub === 'Arrests' || input.sub === 'Disrupted weapons use';
      if (byState) a1r = best(roled, isState) ?? a1r;
      const a1 = resolve(a1r, 'actor1') ?? (byState ? generic('police') : generic('unidentified'));
      const rest = roled.filter((r) => r !== a1r && r.mention.entryId !== a1r?.mention.entryId);
      const acted = rest.filter((r) => r.role === 'patient' || (byState && r.role === 'blamed'));
      let otherR: RoledActor | null = null;
      if (byState || input.sub === 'Looting/property destruction' || input.sub === 'Agreement')
        otherR = best(acted, isArmed) ?? acted.find((r) => r.mention.kind === 'civilians') ?? null;
      if (input.sub === 'Agreement') otherR ??= best(rest, isArmed);
      let a2 = resolve(otherR, 'actor2');
      const a1State = a1r !== null && isState(a1r);
      if (!a2 && input.sub === 'Disrupted weapons use' && a1State) a2 = generic('unidentified');
      // those arrested are civilians unless named as a group; property taken or burnt by armed men is civilians'
      if (!a2 && input.sub === 'Arrests') a2 = generic('civilians');
      if (!a2 && input.sub === 'Looting/property destruction' && !a1State && a1 && a1.inter !== 7) a2 = generic('civilians');
      if (a1 && a2 && a1.name === a2.name) a2 = null;
      return { actor1: a1, actor2: a2, evidence };
    }
  }
}

/** Crowd control is police work: "security forces" facing a crowd are coded as the police. */
function crowdControl(r: RoledActor, resolved: ResolvedActor | null, ctx: { country: string | null; date: string }): ResolvedActor | null {
  if (!resolved) return null;
  if (r.mention.kind === 'state' && r.mention.entryId === 'generic.state' && /security|defen[cs]e|fds/i.test(r.mention.text) && ctx.country)
    return genericActor('police', ctx);
  return resolved;
}
