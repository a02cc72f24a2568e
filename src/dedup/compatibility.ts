// Which sub-event types two reports of one event may carry: the coding-rule table in
// data/dedup/compatible.yaml, checked at load so a misspelt type fails with the file's name.
import { z } from 'zod';
import { SUB_EVENT_TYPE_NAMES, type SubEventType } from '../domain/codebook.ts';
import { loadDataFile } from '../domain/data-file.ts';

const subEventTypeSchema = z.enum(SUB_EVENT_TYPE_NAMES as [SubEventType, ...SubEventType[]]);

const pairKey = (a: SubEventType, b: SubEventType): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export const CompatibilityTableSchema = z
  .object({
    pairs: z.array(
      z
        .object({ types: z.tuple([subEventTypeSchema, subEventTypeSchema]), why: z.string().min(1) })
        .strict()
        .refine((p) => p.types[0] !== p.types[1], { message: 'a type is always compatible with itself: list two different types' }),
    ),
  })
  .strict()
  .superRefine((table, ctx) => {
    const seen = new Set<string>();
    table.pairs.forEach((p, i) => {
      const key = pairKey(p.types[0], p.types[1]);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['pairs', i], message: `pair listed twice: ${p.types.join(' ~ ')}` });
      seen.add(key);
    });
  });
export type CompatibilityTable = z.infer<typeof CompatibilityTableSchema>;

export type TypeRelation =
  | { kind: 'same' }
  | { kind: 'compatible'; why: string }
  | { kind: 'incompatible' };

export interface CompatibilityRules {
  relate(a: SubEventType, b: SubEventType): TypeRelation;
}

export function compatibilityRules(table: CompatibilityTable): CompatibilityRules {
  const why = new Map(table.pairs.map((p) => [pairKey(p.types[0], p.types[1]), p.why]));
  return {
    relate(a, b) {
      if (a === b) return { kind: 'same' };
      const reason = why.get(pairKey(a, b));
      return reason === undefined ? { kind: 'incompatible' } : { kind: 'compatible', why: reason };
    },
  };
}

let shipped: CompatibilityRules | undefined;

/** The table the package ships, read once. */
export function shippedCompatibility(): CompatibilityRules {
  shipped ??= compatibilityRules(loadDataFile('dedup/compatible.yaml', CompatibilityTableSchema));
  return shipped;
}
