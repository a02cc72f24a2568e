// The data model. Every stage exchanges these plain objects; zod checks them where data enters or leaves.
import { z } from 'zod';
import { EVENT_TYPE_NAMES, SUB_EVENT_TYPE_NAMES, type EventType, type SubEventType } from './codebook.ts';

export const LANGS = ['en', 'fr'] as const;
export const LangSchema = z.enum(LANGS);
export type Lang = z.infer<typeof LangSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** One report as it enters Faultline (the input side of the JSONL contract). */
export const DocumentSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  published: isoDate.optional(),
  lang: z.string().optional(),
  url: z.string().optional(),
  title: z.string().optional(),
  source: z.string().optional(),
});
export type Document = z.infer<typeof DocumentSchema>;

/** A stretch of the document's text: [start, end) in UTF-16 code units, as JavaScript strings index. */
export const SpanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0), text: z.string() });
export type Span = z.infer<typeof SpanSchema>;

/** Which words support which field: `field` is an event field name (event_type, actor1, location, event_date...). */
export const EvidenceSchema = SpanSchema.extend({ field: z.string() });
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * Another event of the same report that the text ties this one to: "two days after an ambush" (relation
 * 'after', days 2), "in retaliation for the attack" / "en représailles à l'attaque" (relation 'retaliation':
 * this event answers the other; no days). `event` is the other event's event_id_cnty in the same output.
 */
export const EventLinkSchema = z.object({
  relation: z.enum(['after', 'before', 'same_day', 'retaliation']),
  event: z.string(),
  days: z.number().int().min(0).optional(),
  span: SpanSchema,
});
export type EventLink = z.infer<typeof EventLinkSchema>;

/** A statement attributed to someone: "JNIM claimed four soldiers killed" (claimant JNIM, channel Az Zallaqa). */
export const ClaimSchema = z.object({
  field: z.string(),
  value: z.union([z.string(), z.number()]),
  claimant: z.string(),
  channel: z.string().optional(),
  date: isoDate.optional(),
  span: SpanSchema.optional(),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const ActorSchema = z.object({
  name: z.string(),
  inter: z.number().int().min(1).max(8),
  country: z.string().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const PlaceSchema = z.object({
  name: z.string(),
  geonameid: z.number().int().optional(),
  latitude: z.number(),
  longitude: z.number(),
  /** Country name as ACLED writes it ('Mali'). */
  country: z.string(),
  /** ISO 3166-1 alpha-2 ('ML'). */
  country_code: z.string(),
  iso: z.number().int().optional(),
  admin1: z.string(),
  admin2: z.string(),
  admin3: z.string(),
  geo_precision: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});
export type Place = z.infer<typeof PlaceSchema>;

const eventTypeSchema = z.enum(EVENT_TYPE_NAMES as [EventType, ...EventType[]]);
const subEventTypeSchema = z.enum(SUB_EVENT_TYPE_NAMES as [SubEventType, ...SubEventType[]]);

/**
 * One coded event: the ACLED columns (strings as ACLED writes them, numbers where ACLED has numbers)
 * plus Faultline's own fields. This is the output side of the JSONL contract.
 */
export const EventSchema = z.object({
  doc_id: z.string(),
  event_id_cnty: z.string(),
  event_date: isoDate,
  year: z.number().int(),
  time_precision: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  disorder_type: z.string(),
  event_type: eventTypeSchema,
  sub_event_type: subEventTypeSchema,
  actor1: z.string(),
  assoc_actor_1: z.string(),
  inter1: z.string(),
  actor2: z.string(),
  assoc_actor_2: z.string(),
  inter2: z.string(),
  interaction: z.string(),
  civilian_targeting: z.string(),
  iso: z.number().int().nullable(),
  region: z.string(),
  country: z.string(),
  admin1: z.string(),
  admin2: z.string(),
  admin3: z.string(),
  location: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  geo_precision: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  source: z.string(),
  source_scale: z.string(),
  notes: z.string(),
  fatalities: z.number().int().min(0),
  tags: z.string(),
  timestamp: z.number().int(),
  // Faultline's own fields
  geonameid: z.number().int().nullable(),
  evidence: z.array(EvidenceSchema),
  claims: z.array(ClaimSchema),
  confidence: z.number().min(0).max(1),
  flags: z.array(z.string()),
  /** ties to other events of the report (absent when there are none) */
  links: z.array(EventLinkSchema).optional(),
});
export type FaultlineEvent = z.infer<typeof EventSchema>;
