// What an actor name says about who acted (data/dedup/actor-kinds.yaml): a named group, an unidentified
// one, a crowd or the victims, or "X and/or Y". Matching reports needs this because only two *named*
// actors that differ prove two different events.
import { z } from 'zod';
import { loadDataFile } from '../domain/data-file.ts';
import { foldName } from './names.ts';

const template = z.string().refine((t) => t.includes('{country}'), 'a template must contain {country}');

export const ActorKindsFileSchema = z
  .object({
    unidentified: z.array(template),
    collective: z.array(template),
    sameCrowd: z.array(z.array(template).min(2)),
    alternativesSeparator: z.string().min(1),
  })
  .strict();
export type ActorKindsFile = z.infer<typeof ActorKindsFileSchema>;

export type ActorKind = 'none' | 'unidentified' | 'collective' | 'alternatives' | 'named';

export interface ActorView {
  original: string;
  kind: ActorKind;
  /** What counts as "the same actor": the folded name, or one key for every name of the same crowd. */
  identity: string;
  /** The folded names it may stand for: its parts for "X and/or Y", itself for a named actor. */
  candidates: string[];
}

export interface ActorClassifier {
  view(name: string): ActorView;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "Civilians ({country})" -> /^civilians \((.+)\)$/ on folded names, capturing the country. */
function templatePattern(t: string): RegExp {
  return new RegExp(`^${foldName(t).split('{country}').map(escapeRegex).join('(.+)')}$`, 'u');
}

export function actorClassifier(file: ActorKindsFile): ActorClassifier {
  const unidentified = file.unidentified.map(templatePattern);
  const collective = file.collective.map(templatePattern);
  const crowds = file.sameCrowd.map((group) => group.map(templatePattern));
  const separator = foldName(file.alternativesSeparator);

  function crowdIdentity(folded: string): string | null {
    for (const [i, group] of crowds.entries()) {
      for (const pattern of group) {
        const m = pattern.exec(folded);
        if (m) return `crowd#${i}(${m[1] ?? ''})`;
      }
    }
    return null;
  }

  return {
    view(name) {
      const folded = foldName(name);
      if (folded === '') return { original: name, kind: 'none', identity: '', candidates: [] };
      if (unidentified.some((p) => p.test(folded))) return { original: name, kind: 'unidentified', identity: folded, candidates: [] };
      if (collective.some((p) => p.test(folded))) {
        return { original: name, kind: 'collective', identity: crowdIdentity(folded) ?? folded, candidates: [] };
      }
      const parts = folded.split(` ${separator} `).map((p) => p.trim()).filter((p) => p !== '');
      if (parts.length > 1) return { original: name, kind: 'alternatives', identity: folded, candidates: parts };
      return { original: name, kind: 'named', identity: folded, candidates: [folded] };
    },
  };
}

let shipped: ActorClassifier | undefined;

export function shippedActorKinds(): ActorClassifier {
  shipped ??= actorClassifier(loadDataFile('dedup/actor-kinds.yaml', ActorKindsFileSchema));
  return shipped;
}

/** How specific a name is, for choosing the merged event's actor: a named group beats "X and/or Y", which beats a crowd or the victims, which beat "unidentified". */
export const SPECIFICITY: Record<ActorKind, number> = { named: 4, alternatives: 3, collective: 2, unidentified: 1, none: 0 };
