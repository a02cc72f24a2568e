// The store's tables as Kysely sees them. One schema for SQLite and PostgreSQL: JSON is kept as text (the
// store parses it), dates as ISO text, booleans as integers, so rows read the same on both.
import type { Generated } from 'kysely';

/** A report as stored: its full text and where it came from. */
export interface DocumentsTable {
  id: Generated<number>;
  /** the id the report came with (file name, JSONL id, feed guid) */
  external_id: string;
  url: string | null;
  title: string | null;
  /** the outlet */
  source: string | null;
  published: string | null;
  lang: string | null;
  text: string;
  /** sha256 of the text with whitespace collapsed: the same report twice is stored once */
  content_hash: string;
  /** file, "file:line" or URL it was read from */
  origin: string | null;
  ingested_at: string;
  events: number;
}

/** One event: ACLED's columns, the merged reading of all its sources. */
export interface EventsTable {
  id: Generated<number>;
  event_id_cnty: string;
  event_date: string;
  year: number;
  time_precision: number;
  disorder_type: string;
  event_type: string;
  sub_event_type: string;
  actor1: string;
  assoc_actor_1: string;
  inter1: string;
  actor2: string;
  assoc_actor_2: string;
  inter2: string;
  interaction: string;
  civilian_targeting: string;
  iso: number | null;
  region: string;
  country: string;
  admin1: string;
  admin2: string;
  admin3: string;
  location: string;
  latitude: number | null;
  longitude: number | null;
  geo_precision: number | null;
  geonameid: number | null;
  /** outlets, "; "-separated as ACLED writes them */
  source: string;
  source_scale: string;
  notes: string;
  fatalities: number;
  fatalities_low: number;
  fatalities_best: number;
  fatalities_high: number;
  tags: string;
  timestamp: number;
  confidence: number;
  /** JSON arrays of strings */
  flags: string;
  conflicts: string;
  /** JSON array of the fields an analyst set: merges of new sources leave them as they are */
  locked_fields: string;
  /** 'new' | 'confirmed' | 'corrected' | 'rejected' */
  status: string;
  /** 'extracted' | 'acled' */
  origin: string;
  sources_count: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A source of an event: which document told it, and what Faultline read there (evidence, claims). */
export interface EventSourcesTable {
  id: Generated<number>;
  event_id: number;
  /** null for events imported from an ACLED file */
  document_id: number | null;
  /** the outlet as the report or the ACLED row names it */
  source: string;
  /** the event as coded from this source alone (FaultlineEvent JSON) */
  reading: string;
  fatalities: number;
  added_at: string;
}

/** Every change to an event: who, when, what, why. */
export interface EventHistoryTable {
  id: Generated<number>;
  event_id: number;
  at: string;
  /** 'faultline', 'acled-import' or the token's name */
  actor: string;
  /** a HistoryAction (store/history.ts): 'create' | 'add_source' | 'merge' | 'merged_into' | 'update' | 'confirm' | 'reject' | 'split' | 'split_from' | 'import' */
  action: string;
  /** JSON: {field: [before, after]} or details of the action */
  changes: string;
  reason: string;
}

/** Events the text ties together: "in retaliation for", "two days after the ambush". */
export interface EventLinksTable {
  id: Generated<number>;
  from_event: number;
  to_event: number;
  relation: string;
  document_id: number | null;
  evidence: string;
}

/** Documents that could not be read or coded, kept with their reason for --retry-failed. */
export interface IngestFailuresTable {
  id: Generated<number>;
  /** where to read it again: the file, or URL */
  origin: string;
  /** the document's id, or "line N" */
  doc_ref: string;
  reason: string;
  attempts: number;
  first_at: string;
  last_at: string;
}

export interface TokensTable {
  id: Generated<number>;
  name: string;
  /** 'viewer' | 'analyst' | 'admin' */
  role: string;
  /** sha256 of the token: the token itself is shown once, at creation */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface StoreMetaTable {
  key: string;
  value: string;
}

/** Each distinct non-empty value of an actor column (kept by triggers): what the actor filter matches first. */
export interface ActorValuesTable {
  /** 'actor1' | 'actor2' | 'assoc_actor_1' | 'assoc_actor_2' */
  role: string;
  value: string;
  /** how many events have it in that column (any status): tells rare names from common ones */
  events: number;
}

export interface StoreDatabase {
  actor_values: ActorValuesTable;
  documents: DocumentsTable;
  events: EventsTable;
  event_sources: EventSourcesTable;
  event_history: EventHistoryTable;
  event_links: EventLinksTable;
  ingest_failures: IngestFailuresTable;
  tokens: TokensTable;
  store_meta: StoreMetaTable;
}
