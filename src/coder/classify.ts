// Codebook types for a frame: the interaction its words describe, decided in the codebook's order of
// precedence (remote violence before battles, abduction becomes attack when someone is killed...).
import type { SubEventType } from '../domain/index.ts';
import type { ActorKind } from '../actors/index.ts';
import type { CueKind, PeopleSide } from '../locales/event-lexicon.ts';

export interface ClassifyInput {
  kinds: Set<CueKind>;
  agentKind: ActorKind | null;
  patientKind: ActorKind | null;
  /** Sides of the people the report counts as killed or hurt. */
  victimSides: Set<PeopleSide>;
  killed: number;
  /** Someone was killed or seriously hurt. */
  harmed: boolean;
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

function targetIsCivilian(input: ClassifyInput): boolean {
  if (input.patientKind === 'civilians') return true;
  if (input.patientKind && ARMED.has(input.patientKind)) return false;
  if (input.victimSides.has('state') || input.victimSides.has('armed')) return false;
  return input.victimSides.has('civilian');
}

export function classify(input: ClassifyInput): SubEventType | null {
  const k = input.kinds;
  const has = (...kinds: CueKind[]) => kinds.some((x) => k.has(x));
  const violent = has('attack', 'clash', 'ambush', 'kill', 'abduction', 'sexual');
  const groundFight = has('clash', 'ambush');

  // Demonstrations first: their actors decide between protest and riot.
  const demo = has('protest') || input.agentKind === 'protesters' || input.patientKind === 'protesters';
  if (demo && !has('air_strike', 'ied', 'suicide', 'shelling', 'ambush')) {
    if (has('riot', 'looting') || input.agentKind === 'rioters') return 'Violent demonstration';
    if (input.killed > 0 || (has('kill') && input.harmed)) return 'Excessive force against protesters';
    if (has('intervention', 'arrest')) return 'Protest with intervention';
    return 'Peaceful protest';
  }
  if (has('mob')) return 'Mob violence';
  if (has('riot') && !groundFight) return 'Violent demonstration';

  if (has('regain') && input.agentKind !== null && STATE.has(input.agentKind)) return 'Government regains territory';
  if (has('overtake') && !has('withdrawal') && input.agentKind !== null && !STATE.has(input.agentKind) &&
    (violent || has('overtake')) && input.agentKind !== 'civilians')
    return has('withdrawal') ? 'Non-violent transfer of territory' : 'Non-state actor overtakes territory';

  if (has('sexual')) return 'Sexual violence';
  if (has('air_strike') && !groundFight) return 'Air/drone strike';
  if (has('suicide')) return 'Suicide bomb';
  if (has('shelling') && !groundFight) return 'Shelling/artillery/missile attack';
  if (has('grenade')) return 'Grenade';
  if (has('ied') && !has('weapons_seized')) return 'Remote explosive/landmine/IED';
  if (has('air_strike')) return 'Armed clash';

  if (has('abduction') && !(input.killed > 0)) return 'Abduction/forced disappearance';
  if (violent && !(has('kill') && !has('attack', 'clash', 'ambush', 'abduction') && input.killed === 0 && !input.harmed)) {
    if (targetIsCivilian(input) && !groundFight) return 'Attack';
    if (input.agentKind === 'civilians' && input.patientKind === null) return 'Attack';
    return 'Armed clash';
  }
  if (has('arrest')) return 'Arrests';
  if (has('weapons_seized')) return 'Disrupted weapons use';
  if (has('agreement')) return 'Agreement';
  if (has('looting')) return 'Looting/property destruction';
  if (has('withdrawal') || (has('overtake') && input.agentKind !== null && STATE.has(input.agentKind)))
    return 'Non-violent transfer of territory';
  if (has('overtake')) return 'Non-state actor overtakes territory';
  if (has('group_change')) return 'Change to group/activity';
  if (has('base')) return 'Headquarters or base established';
  if (has('other')) return 'Other';
  if (has('kill')) return targetIsCivilian(input) ? 'Attack' : 'Armed clash';
  return null;
}
