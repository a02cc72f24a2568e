// The store's schema, as numbered migrations run in order and recorded (Kysely's Migrator), so a store made
// by an older Faultline is brought up to date when opened. Each migration is written once for both
// dialects; the few differences (identity columns, PostGIS) are decided here.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './connect.ts';

type AnyDb = Kysely<unknown>;

interface Context {
  dialect: Dialect;
  postgis: boolean;
}

// SQLite's INTEGER PRIMARY KEY is the rowid; PostgreSQL needs an identity.
function idType(ctx: Context): 'integer' | 'serial' {
  return ctx.dialect === 'postgres' ? 'serial' : 'integer';
}

function init(ctx: Context): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      const id = idType(ctx);
      await db.schema.createTable('store_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('documents')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('title', 'text')
        .addColumn('source', 'text')
        .addColumn('published', 'text')
        .addColumn('lang', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull().unique())
        .addColumn('origin', 'text')
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('documents_url').unique().on('documents').column('url').execute();

      let events = db.schema.createTable('events')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('event_id_cnty', 'text', (c) => c.notNull().unique());
      for (const col of ['event_date', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1', 'actor2',
        'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location',
        'source', 'source_scale', 'notes', 'tags', 'flags', 'conflicts', 'locked_fields', 'status', 'origin', 'created_at', 'updated_at']) {
        events = events.addColumn(col, 'text', (c) => c.notNull());
      }
      for (const col of ['year', 'time_precision', 'fatalities', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'sources_count', 'version']) {
        events = events.addColumn(col, 'integer', (c) => c.notNull());
      }
      events = events
        .addColumn('timestamp', 'bigint', (c) => c.notNull())
        .addColumn('iso', 'integer')
        .addColumn('latitude', 'double precision')
        .addColumn('longitude', 'double precision')
        .addColumn('geo_precision', 'integer')
        .addColumn('geonameid', 'integer')
        .addColumn('confidence', 'double precision', (c) => c.notNull());
      await events.execute();
      // The filters GET /events offers, each led by the column that narrows most.
      await db.schema.createIndex('events_date').on('events').columns(['event_date', 'id']).execute();
      await db.schema.createIndex('events_country_date').on('events').columns(['country', 'event_date']).execute();
      await db.schema.createIndex('events_admin1').on('events').columns(['admin1', 'event_date']).execute();
      await db.schema.createIndex('events_type').on('events').columns(['event_type', 'sub_event_type', 'event_date']).execute();
      await db.schema.createIndex('events_latlon').on('events').columns(['latitude', 'longitude']).execute();
      await db.schema.createIndex('events_updated').on('events').columns(['updated_at']).execute();
      if (ctx.postgis) {
        await sql`ALTER TABLE events ADD COLUMN geom geometry(Point, 4326)`.execute(db);
        await sql`CREATE INDEX events_geom ON events USING GIST (geom)`.execute(db);
        // The point follows latitude/longitude whoever writes them.
        await sql`CREATE FUNCTION events_set_geom() RETURNS trigger AS $$
          BEGIN
            NEW.geom := CASE WHEN NEW.latitude IS NULL OR NEW.longitude IS NULL THEN NULL
              ELSE ST_SetSRID(ST_MakePoint(NEW.longitude, NEW.latitude), 4326) END;
            RETURN NEW;
          END $$ LANGUAGE plpgsql`.execute(db);
        await sql`CREATE TRIGGER events_geom_trigger BEFORE INSERT OR UPDATE OF latitude, longitude ON events
          FOR EACH ROW EXECUTE FUNCTION events_set_geom()`.execute(db);
      }

      await db.schema.createTable('event_sources')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('document_id', 'integer', (c) => c.references('documents.id'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('reading', 'text', (c) => c.notNull())
        .addColumn('fatalities', 'integer', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_sources_event').on('event_sources').column('event_id').execute();
      await db.schema.createIndex('event_sources_document').on('event_sources').column('document_id').execute();
      await db.schema.createIndex('event_sources_source').on('event_sources').columns(['source', 'event_id']).execute();

      await db.schema.createTable('event_history')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('event_id', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_history_event').on('event_history').columns(['event_id', 'id']).execute();

      await db.schema.createTable('event_links')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('from_event', 'integer', (c) => c.notNull())
        .addColumn('to_event', 'integer', (c) => c.notNull())
        .addColumn('relation', 'text', (c) => c.notNull())
        .addColumn('document_id', 'integer')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_links_from').on('event_links').column('from_event').execute();
      await db.schema.createIndex('event_links_to').on('event_links').column('to_event').execute();

      await db.schema.createTable('ingest_failures')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('doc_ref', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('ingest_failures_ref', ['origin', 'doc_ref'])
        .execute();

      await db.schema.createTable('tokens')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
    },
  };
}

const ACTOR_COLUMNS = ['actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2'] as const;

// What a store of millions of events needs to answer the API's reads in milliseconds (bench/store.ts).
// The actor filter is a substring of a name. LIKE '%x%' over the events cannot use an index, so a rare actor
// costs a walk through the whole table. The distinct names are few (thousands against millions of events):
// matching the text against them first turns the filter into equality on indexed columns, and their event
// counts tell the query whether the names are rare or common (src/store/queries.ts). Triggers keep names
// and counts right whoever writes events (the store, an import, a bulk load).
function readPaths(ctx: Context): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      // Weekly counts (GET /stats, GET /trends) over a date range read this index alone, not the wide rows:
      // a year of a million-event store in a fraction of a second instead of seconds.
      await db.schema.createIndex('events_date_counts').on('events')
        .columns(['event_date', 'status', 'country', 'admin1', 'event_type', 'fatalities']).execute();
      // A bounding box without PostGIS: the page's ids from the index alone, then a hundred rows read.
      await db.schema.dropIndex('events_latlon').execute();
      await db.schema.createIndex('events_latlon').on('events').columns(['latitude', 'longitude', 'event_date', 'status']).execute();
      // The review queue: events waiting, the least certain first.
      await db.schema.createIndex('events_review').on('events').columns(['status', 'confidence', 'id']).execute();
      await db.schema.createTable('actor_values')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('actor_values_pk', ['role', 'value'])
        .execute();
      for (const col of ACTOR_COLUMNS) {
        // status last: a branch of the actor filter reads ids and status from the index alone.
        await db.schema.createIndex(`events_${col}`).on('events').columns([col, 'event_date', 'id', 'status']).execute();
        await sql`INSERT INTO actor_values (role, value, events) SELECT ${sql.lit(col)}, ${sql.ref(col)}, count(*) FROM events
          WHERE ${sql.ref(col)} <> '' GROUP BY ${sql.ref(col)}`.execute(db);
      }
      // `when`: the extra condition of an update, that the column changed.
      const add = (col: string, when = 'TRUE'): string => `INSERT INTO actor_values (role, value, events)
        SELECT '${col}', NEW.${col}, 1 WHERE NEW.${col} <> '' AND ${when}
        ON CONFLICT (role, value) DO UPDATE SET events = actor_values.events + 1;`;
      const remove = (col: string, when = 'TRUE'): string => `UPDATE actor_values SET events = events - 1
        WHERE role = '${col}' AND value = OLD.${col} AND ${when};`;
      const changed = (col: string): string => `NEW.${col} IS DISTINCT FROM OLD.${col}`;
      const onInsert = ACTOR_COLUMNS.map((col) => add(col)).join('\n');
      const onUpdate = ACTOR_COLUMNS.map((col) => `${remove(col, changed(col))}\n${add(col, changed(col))}`).join('\n');
      const onDelete = ACTOR_COLUMNS.map((col) => remove(col)).join('\n');
      if (ctx.dialect === 'postgres') {
        await sql.raw(`CREATE FUNCTION events_actor_values() RETURNS trigger AS $$
          BEGIN
            IF TG_OP = 'INSERT' THEN ${onInsert}
            ELSIF TG_OP = 'UPDATE' THEN ${onUpdate}
            ELSE ${onDelete}
            END IF;
            RETURN NULL;
          END $$ LANGUAGE plpgsql`).execute(db);
        await sql.raw(`CREATE TRIGGER events_actor_values_trigger AFTER INSERT OR DELETE OR UPDATE OF ${ACTOR_COLUMNS.join(', ')} ON events
          FOR EACH ROW EXECUTE FUNCTION events_actor_values()`).execute(db);
      } else {
        for (const [name, when, body] of [['insert', 'INSERT', onInsert], ['update', `UPDATE OF ${ACTOR_COLUMNS.join(', ')}`, onUpdate], ['delete', 'DELETE', onDelete]] as const) {
          await sql.raw(`CREATE TRIGGER events_actor_values_${name} AFTER ${when} ON events BEGIN\n${body}\nEND`).execute(db);
        }
      }
    },
  };
}

function provider(ctx: Context): MigrationProvider {
  return { getMigrations: async () => ({ '0001_init': init(ctx), '0002_read_paths': readPaths(ctx) }) };
}

/** Brings the store's schema up to date; throws with Kysely's error when a migration fails. */
export async function migrate(db: AnyDb, ctx: Context): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema unless told which: a store in one schema would
  // take another schema's for its own.
  const schema = ctx.dialect === 'postgres'
    ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s
    : undefined;
  const { error } = await new Migrator({ db, provider: provider(ctx), ...(schema === undefined ? {} : { migrationTableSchema: schema }) }).migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
}
