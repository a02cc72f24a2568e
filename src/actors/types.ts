// The public vocabulary of the actor module: what a mention in the text is, and what it resolves to.
import type { InterCode } from '../domain/index.ts';

/** How a mention names its actor: a named group, or a generic reading resolved from the event's country. */
export type ActorKind =
  | 'named'
  | 'state'
  | 'police'
  | 'unidentified'
  | 'civilians'
  | 'protesters'
  | 'rioters'
  | 'ethnic_militia'
  | 'communal_militia'
  | 'external';

/** Words around a generic noun that change or hedge its reading ("suspected", "armed", "angry"...). */
export type Cue = 'hedge' | 'armed' | 'unknown' | 'islamist' | 'angry' | 'local';

export interface ActorMention {
  /** [start, end) into the text given to findActorMentions, UTF-16 units. */
  start: number;
  end: number;
  text: string;
  /** Dictionary entry (named groups: 'jnim', 'ml.dozo'...) or generic reading ('generic.state'...). */
  entryId: string;
  kind: ActorKind;
  /** ISO2 country the words state ("Malian soldiers" -> 'ML', "Barkhane" -> 'FR'); null when they do not. */
  country: string | null;
  /** Ethnic group id the words state ('fulani', 'dogon'...), null when none. */
  ethnicity: string | null;
  plural: boolean;
  /** Modifier cues seen in the mention: 'hedge' marks "suspected ..." / "présumés ...". */
  cues?: readonly Cue[];
}

export interface ResolvedActor {
  /** ACLED actor name, e.g. 'Military Forces of Mali (2021-)'. */
  name: string;
  inter: InterCode;
  /** ISO2 of the country the actor belongs to (state forces, national groups), null for international ones. */
  country: string | null;
  /** ACLED assoc actors implied by the words (Katiba Macina under JNIM, 'Fulani Ethnic Group (Mali)'...). */
  assoc: string[];
  /** Set when the mention named a sub-group filed under its parent: the sub-group's own name (also in assoc). */
  parentOf?: string;
}

export interface ResolveContext {
  /** ISO2 of the event's place; null when unknown. */
  country: string | null;
  /** Event date, YYYY-MM-DD. */
  date: string;
  /** admin1 of the event's place as GeoNames or ACLED writes it (accents ignored); some conventions are regional. */
  admin1?: string;
  /** The report only suspects this actor ("believed to have been planted by ..."). */
  suspected?: boolean;
}
