// Codebook types for a frame: the interaction its words describe, decided in the codebook's order of
// precedence (remote violence before battles, abduction becomes attack when someone is killed...).
// The sentence that first tells the event decides the family; later sentences only fill in (a bomb
// mentioned among items seized at an arrest does not make the arrest an explosion).
import type { SubEventType } from '../domain/index.ts';
import type { ActorKind } from '../actors/index.ts';
import type { CueKind, PeopleSide } from '../locales/event-lexicon.ts';

export interface ClassifyInput {
  /** Cue kinds of the sentence that first tells the event. */
  primary: Set<CueKind>;
  /** Cue kinds of all the frame's sentences. */
  kinds: Set<CueKind>;
  agentKind: ActorKind | null;
  patientKind: ActorKind | null;
  /** Kinds of every actor the clauses put on the receiving end. */
  patientKinds: Set<ActorKind>;
  /** Sides of the people the report counts as killed or hurt. */
  victimSides: Set<PeopleSide>;
  killed: number;
  /** Someone was reported dead (with or without a number). */
  deaths: boolean;
  /** Someone was killed or hurt. */
  harmed: boolean;
  /** A cue of protest or intervention is a verb done to people ("arrested"), not a noun ("the arrest of"). */
  arrestIsAct: boolean;
}

const ARMED: ReadonlySet<ActorKind> = new Set([
  'named',
  'state',
  'police',
  'unidentified',
  'ethnic_militia',
  'communal_militia',
  'external',
]);
const STATE: ReadonlySet<ActorKind> = new Set(['state', 'police', 'external']);

export function classify(input: ClassifyInput): SubEventType | null {
  return decide(input.primary, input) ?? decide(input.kinds, input);
}

function decide(k: Set<CueKind>, input: ClassifyInput): SubEventType | null {
  const has = (...kinds: CueKind[]) => kinds.some((x) => k.has(x));
  const all = (...kinds: CueKind[]) => kinds.some((x) => input.kinds.has(x));
  const violent = has('attack', 'clash', 'ambush', 'kill', 'abduction', 'sexual');
  const groundFight = has('clash', 'ambush');
  const agent = input.agentKind;
  const patient = input.patientKind;
  // a militia post or a soldier among the victims makes it a fight between armed sides
  const organisedTarget = [...input.patientKinds].some((k) => ARMED.has(k) && k !== 'unidentified' && k !== 'named');
  const armedTarget =
    (patient !== null && ARMED.has(patient)) || organisedTarget || input.victimSides.has('state') || input.victimSides.has('armed');
  const civilianTarget =
    patient === 'civilians' || (!armedTarget && (input.victimSides.has('civilian') || patient === 'protesters'));

  // Demonstrations: protest words in the telling sentence, or protesters as its actors.
  const demo = has('protest') || agent === 'protesters' || patient === 'protesters' ||
    (agent === 'rioters' && has('intervention'));
  if (demo && !has('air_strike', 'ied', 'suicide', 'shelling', 'ambush')) {
    if (all('riot') || (has('looting') && !has('protest'))) return 'Violent demonstration';
    const forceOnCrowd = agent !== null && ARMED.has(agent) && agent !== 'unidentified' && has('attack', 'kill');
    if (input.deaths || forceOnCrowd) return 'Excessive force against protesters';
    if (all('intervention') || (all('arrest') && input.arrestIsAct)) return 'Protest with intervention';
    return 'Peaceful protest';
  }
  if (has('mob')) return 'Mob violence';
  if (has('riot') && !groundFight) return 'Violent demonstration';

  // State forces taking a place ("took control of", "seized") from a group they fought or drove out retake it;
  // taking it with no fight and no one driven out is a transfer (below).
  const stateAgent = agent !== null && STATE.has(agent);
  if (stateAgent && (has('regain') || (has('overtake') && !has('withdrawal') && (violent || all('clash', 'regain')))))
    return 'Government regains territory';
  if (has('overtake') && agent !== null && !STATE.has(agent) && agent !== 'civilians')
    return has('withdrawal') ? 'Non-violent transfer of territory' : 'Non-state actor overtakes territory';

  if (has('weapons_seized') && !input.harmed && !has('attack', 'clash', 'ambush')) return 'Disrupted weapons use';
  if (has('sexual')) return 'Sexual violence';
  if (has('air_strike') && !groundFight) return 'Air/drone strike';
  if (has('suicide')) return 'Suicide bomb';
  if (has('shelling') && !groundFight) return 'Shelling/artillery/missile attack';
  if (has('grenade')) return 'Grenade';
  if (has('ied')) return 'Remote explosive/landmine/IED';
  if (has('air_strike')) return 'Armed clash';

  if (has('abduction') && !input.deaths) return 'Abduction/forced disappearance';
  // Words of harm that harmed no one ("sans faire de victimes") make no violence; what else was done may.
  const harmless = !has('attack', 'clash', 'ambush', 'abduction', 'sexual') && !input.harmed;
  if (violent && !harmless) {
    // A raid that only took or destroyed things is property destruction, not violence against people.
    if (has('looting') && !input.harmed && !armedTarget && !groundFight) return 'Looting/property destruction';
    if (organisedTarget) return 'Armed clash';
    if (civilianTarget && !has('clash')) return 'Attack';
    if (armedTarget || has('clash')) return 'Armed clash';
    // Security forces in action against an unnamed enemy: a battle; armed men against no one armed: civilians.
    if (agent !== null && STATE.has(agent)) return 'Armed clash';
    if (groundFight && input.victimSides.size === 0 && patient === null) return 'Armed clash';
    return 'Attack';
  }
  if (has('arrest')) return 'Arrests';
  if (has('weapons_seized')) return 'Disrupted weapons use';
  if (has('agreement')) return 'Agreement';
  if (has('looting')) return 'Looting/property destruction';
  if (has('withdrawal') || (has('overtake') && agent !== null && STATE.has(agent)))
    return 'Non-violent transfer of territory';
  if (has('overtake')) return 'Non-state actor overtakes territory';
  if (has('group_change')) return 'Change to group/activity';
  if (has('base')) return 'Headquarters or base established';
  if (has('other')) return 'Other';
  return null;
}
