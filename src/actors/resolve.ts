// Turns a mention into an ACLED actor for one event: named groups by their name in force on the event
// date (and under their parent group when ACLED files them so), generic readings by the event's country,
// state forces by regime period, and forces abroad as External/Other forces (inter 8).
import type { InterCode } from '../domain/index.ts';
import { fold } from '../text/fold.ts';
import { dictionary, type Dictionary } from './dictionary.ts';
import type { NamedEntry, Period } from './schema.ts';
import type { ActorKind, ActorMention, ResolveContext, ResolvedActor } from './types.ts';

/** ACLED's name of a country ('ML' -> 'Mali'); an unknown code is returned as it came. */
export function countryName(iso2: string): string {
  return dictionary().countries.get(iso2)?.name ?? iso2;
}

/** The period in force on `date` (from inclusive, to exclusive); before the first or after the last, the nearest. */
export function pickPeriod<P extends { from: string; to: string | null }>(periods: readonly P[], date: string): P | undefined {
  for (const p of periods) if (date >= p.from && (p.to === null || date < p.to)) return p;
  const first = periods[0];
  if (first && date < first.from) return first;
  return periods[periods.length - 1];
}

export function resolveActor(mention: ActorMention, ctx: ResolveContext): ResolvedActor {
  const dict = dictionary();
  const entry = dict.entries.get(mention.entryId);
  if (entry) return resolveNamed(dict, entry, mention, ctx);
  return resolveGeneric(dict, mention, ctx);
}

function resolveNamed(dict: Dictionary, entry: NamedEntry, mention: ActorMention, ctx: ResolveContext): ResolvedActor {
  if (entry.state) return stateForces(dict, entry.state, entry.unit ?? 'military', ctx);
  const parent = entry.parent ? dict.entries.get(entry.parent.id) : undefined;
  if (parent && entry.parent && (entry.parent.from === undefined || ctx.date >= entry.parent.from)) {
    const own = namedName(entry, ctx);
    const top = resolveNamed(dict, parent, mention, ctx);
    return { ...top, assoc: [own, ...top.assoc.filter((a) => a !== own)], parentOf: own };
  }
  const place = entry.country ?? ctx.country;
  const assoc = mention.ethnicity ? ethnicAssoc(dict, mention.ethnicity, ctx.country ?? place) : [];
  // A national contingent of a mission ("Chadian soldiers of MINUSMA") keeps its state as assoc actor.
  if (entry.kind === 'external' && mention.country !== null && mention.country !== entry.country) {
    assoc.push(stateForces(dict, mention.country, 'military', ctx).name);
  }
  const suspected = ctx.suspected === true || mention.cues?.includes('hedge') === true;
  if (suspected && entry.whenSuspected && ctx.date >= entry.whenSuspected.from)
    return { name: entry.whenSuspected.name, inter: entry.inter as InterCode, country: entry.country, assoc };
  return { name: namedName(entry, ctx), inter: entry.inter as InterCode, country: entry.country, assoc };
}

function namedName(entry: NamedEntry, ctx: ResolveContext): string {
  const period: Period | undefined = entry.periods ? pickPeriod(entry.periods, ctx.date) : undefined;
  const template = period?.name ?? entry.name ?? entry.id;
  return fill(template, { country: placeName(ctx.country ?? entry.country) });
}

function resolveGeneric(dict: Dictionary, mention: ActorMention, ctx: ResolveContext): ResolvedActor {
  const core = dict.cores.get(mention.entryId);
  if (!core) throw new Error(`unknown actor entry: ${mention.entryId}`);
  const kind = mention.kind;
  if (kind === 'state' || kind === 'police') {
    const iso = mention.country ?? ctx.country;
    const unit = core.unit ?? (kind === 'police' ? 'police' : 'military');
    if (iso === null) return { name: kind === 'police' ? 'Police Forces (International)' : 'Military Forces (International)', inter: 1, country: null, assoc: [] };
    return stateForces(dict, iso, unit, ctx);
  }

  const k = dict.generic.kinds[kind] ?? dict.generic.kinds['unidentified'];
  if (!k) throw new Error(`generic.json has no reading for kind ${kind}`);
  if (kind === 'civilians') {
    // Foreign victims are ACLED's Civilians (International); a stated nationality of the event's own country is not foreign.
    const foreign = core.foreign === true || (mention.country !== null && ctx.country !== null && mention.country !== ctx.country);
    const iso = foreign ? null : (ctx.country ?? mention.country);
    const place = placeName(iso);
    const assoc = (core.assoc ?? []).map((a) => fill(a, { country: place }));
    if (mention.ethnicity) assoc.push(...ethnicAssoc(dict, mention.ethnicity, iso));
    return { name: fill(k.name, { country: place }), inter: k.inter as InterCode, country: iso, assoc: unique(assoc) };
  }

  // Armed groups are named after the country the words give them ("Nigerian gunmen"), else the event's.
  const iso = kind === 'protesters' || kind === 'rioters' ? (ctx.country ?? mention.country) : (mention.country ?? ctx.country);
  const place = placeName(iso);
  const assoc = (core.assoc ?? []).map((a) => fill(a, { country: place }));
  if (kind === 'ethnic_militia' && mention.ethnicity) {
    const group = dict.ethnic.get(mention.ethnicity);
    const label = group?.label ?? mention.ethnicity;
    assoc.push(...(group?.assoc ?? []).map((a) => fill(a, { country: place })));
    return { name: fill(k.name, { country: place, ethnic: label }), inter: k.inter as InterCode, country: iso, assoc: unique(assoc) };
  }
  if (kind === 'unidentified' && mention.cues?.includes('islamist') && iso !== null) {
    const rule = dict.generic.unattributedJihadists.rules.find(
      (r) =>
        r.countries.includes(iso) &&
        ctx.date >= r.from &&
        (r.to === null || ctx.date < r.to) &&
        (r.admin1 === undefined || (ctx.admin1 !== undefined && r.admin1.map((a) => fold(a)).includes(fold(ctx.admin1)))),
    );
    if (rule) return { name: fill(rule.name, { country: place }), inter: rule.inter as InterCode, country: iso, assoc };
  }
  return { name: fill(k.name, { country: place }), inter: k.inter as InterCode, country: iso, assoc: unique(assoc) };
}

/** State forces of `iso` (a corps of them with `unit`), inter 8 when they act outside their country. */
function stateForces(dict: Dictionary, iso: string, unit: string, ctx: ResolveContext): ResolvedActor {
  const country = dict.countries.get(iso);
  const spec = country?.units?.[unit] ?? dict.unitDefaults[unit] ?? dict.unitDefaults['military'];
  const name = country?.actorName ?? countryName(iso);
  const label = country ? ` ${pickPeriod(country.regimes, ctx.date)?.label ?? ''}`.trimEnd() : '';
  const filled = fill(spec?.name ?? '{military}', {
    military: `Military Forces of ${name}${label}`,
    police: `Police Forces of ${name}${label}`,
    country: name,
  });
  const abroad = ctx.country !== null && ctx.country !== iso;
  const inter = (abroad ? 8 : (spec?.inter ?? 1)) as InterCode;
  return { name: filled, inter, country: iso, assoc: [] };
}

function ethnicAssoc(dict: Dictionary, ethnicity: string, iso: string | null): string[] {
  const group = dict.ethnic.get(ethnicity);
  if (!group) return [];
  const place = placeName(iso);
  return [`${group.label} Ethnic Group (${place})`, ...group.assoc.map((a) => fill(a, { country: place }))];
}

function placeName(iso: string | null): string {
  return iso === null ? 'International' : countryName(iso);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** The generic noun that stands for each kind when no words are at hand. */
const DEFAULT_CORE: Record<ActorKind, string> = {
  state: 'generic.state',
  police: 'generic.police',
  unidentified: 'generic.gunmen',
  civilians: 'generic.civilians',
  protesters: 'generic.protesters',
  rioters: 'generic.rioters',
  communal_militia: 'generic.militia',
  ethnic_militia: 'generic.militia',
  named: 'generic.gunmen',
  external: 'generic.gunmen',
};

/**
 * The actor a kind stands for in an event when the text names none: an unknown perpetrator is the
 * Unidentified Armed Group of the event's country, unnamed victims its Civilians, and so on.
 */
export function genericActor(kind: ActorKind, ctx: ResolveContext): ResolvedActor {
  const entryId = DEFAULT_CORE[kind];
  const readingKind: ActorKind = kind === 'ethnic_militia' ? 'communal_militia' : kind === 'named' || kind === 'external' ? 'unidentified' : kind;
  return resolveActor(
    { start: 0, end: 0, text: '', entryId, kind: readingKind, country: null, ethnicity: null, plural: true },
    ctx,
  );
}
