// The actor module: a dictionary of Sahel conflict actors (data/actors/) and the matcher that finds
// and resolves them to ACLED actor names.
export type { ActorKind, ActorMention, Cue, ResolveContext, ResolvedActor } from './types.ts';
export { findActorMentions } from './matcher.ts';
export { countryName, genericActor, pickPeriod, resolveActor } from './resolve.ts';
