// The store through the command line: ingest (idempotent, deduplicating, failures kept for --retry-failed),
// export, import-acled (round trip), token create.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The example report (two events) and the batch holding it with an analysis piece (no event); not the whole
// examples folder, whose demo batch for `serve --examples` grows as the demo does.
const EXAMPLE = [join(root, 'examples', 'report.txt'), join(root, 'examples', 'reports.jsonl')];
const BIN = join(root, 'bin', 'faultline.js');
const shared = join(root, '..', 'shared');
const noShared = existsSync(join(shared, 'seed', 'docs.jsonl')) ? false : `no ${shared} (evaluation material is not in a user's clone)`;

function run(args: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env, FAULTLINE_DB: '' }, timeout: 240_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function tmp(): { dir: string; db: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-store-'));
  return { dir, db: join(dir, 'f.db'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The store as its JSONL export, ids aside: what two runs must agree on. */
function exported(db: string, home: string): string {
  const r = run(['export', '--db', db, '--format', 'jsonl', '--home', home]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// Our own retelling of examples/report.txt: other words, other outlet, the same two events.
const RETOLD = `BAMAKO, March 12 (Radio Kayira) - Gunmen believed to be jihadists stormed the village of Dioungani in the Koro area on Monday evening, killing seven residents and burning food stores, according to a municipal councillor.

In a separate incident on Tuesday near Boni, in Douentza cercle, the Malian army said its troops fought an armed group and killed four of the attackers. One soldier was hurt.
`;

// Our own retelling of the seed article's three events.
const SEED_RETOLD = `Malian army aircraft bombed militant hideouts in the Ségou and Timbuktu regions on Saturday, October 4, the General Staff said in a communiqué on Sunday.

West of Sokolo, in the Ségou region, about fifteen fighters were killed and around twenty motorbikes hidden under trees were destroyed, according to the army. Other strikes hit pick-up trucks of armed groups near In-Gouzma, north-east of Timbuktu.

The raids came after militants ambushed an army convoy between Kayes and Yelimané on Wednesday, October 1. JNIM said it carried out the ambush and that four soldiers died.
`;

test('ingest twice gives the store of once; a retold report adds a source to each of its events', () => {
  const t = tmp();
  try {
    const first = run(['ingest', ...EXAMPLE, '--db', t.db, '--published', '2025-03-12', '--home', t.dir]);
    assert.equal(first.status, 0, first.stderr);
    const once = exported(t.db, t.dir);
    const second = run(['ingest', ...EXAMPLE, '--db', t.db, '--published', '2025-03-12', '--home', t.dir]);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stderr, / 0 stored, 3 already stored/);
    assert.equal(exported(t.db, t.dir), once);
    const events = once.trim().split('\n').map((l) => JSON.parse(l) as { location: string; source: string });
    assert.equal(events.length, 2);

    writeFileSync(join(t.dir, 'radio-kayira.txt'), RETOLD);
    const retold = run(['ingest', join(t.dir, 'radio-kayira.txt'), '--db', t.db, '--published', '2025-03-12', '--home', t.dir]);
    assert.equal(retold.status, 0, retold.stderr);
    assert.match(retold.stderr, /0 new events, 2 sources added/);
    const after = exported(t.db, t.dir).trim().split('\n').map((l) => JSON.parse(l) as { location: string; source: string; fatalities: number });
    assert.deepEqual(after.map((e) => [e.location, e.fatalities, e.source.split('; ').length]).sort(), [['Boni', 4, 2], ['Dioungani', 7, 2]]);
  } finally {
    t.done();
  }
});

test('the seed and a retelling of it: three events, two sources each; the dev set twice is stored once', { skip: noShared }, () => {
  const t = tmp();
  try {
    assert.equal(run(['ingest', join(shared, 'seed', 'docs.jsonl'), '--db', t.db, '--home', t.dir]).status, 0);
    writeFileSync(join(t.dir, 'retold.jsonl'), `${JSON.stringify({ id: 'seed-retold', text: SEED_RETOLD, published: '2025-10-06', source: 'Our retelling' })}\n`);
    const r = run(['ingest', join(t.dir, 'retold.jsonl'), '--db', t.db, '--home', t.dir]);
    assert.equal(r.status, 0, r.stderr);
    const events = exported(t.db, t.dir).trim().split('\n').map((l) => JSON.parse(l) as { event_date: string; sub_event_type: string; source: string });
    assert.deepEqual(events.map((e) => [e.event_date, e.sub_event_type, e.source.split('; ').length]).sort(),
      [['2025-10-01', 'Armed clash', 2], ['2025-10-04', 'Air/drone strike', 2], ['2025-10-04', 'Air/drone strike', 2]]);

    const dev = join(shared, 'eval', 'dev', 'docs.jsonl');
    const t2 = tmp();
    try {
      assert.equal(run(['ingest', dev, '--db', t2.db, '--home', t2.dir, '--quiet']).status, 0);
      const once = exported(t2.db, t2.dir);
      assert.ok(once.split('\n').length > 100);
      assert.equal(run(['ingest', dev, '--db', t2.db, '--home', t2.dir, '--quiet']).status, 0);
      assert.equal(exported(t2.db, t2.dir), once);
    } finally {
      t2.done();
    }
  } finally {
    t.done();
  }
});

test('a failing document is recorded with its reason and read again by --retry-failed', () => {
  const t = tmp();
  try {
    const folder = join(t.dir, 'in');
    mkdirSync(folder);
    writeFileSync(join(folder, 'good.txt'), readFileSync(join(root, 'examples', 'report.txt')));
    writeFileSync(join(folder, 'bad.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x00, 0x00, 0x9f]));
    const r = run(['ingest', folder, '--db', t.db, '--published', '2025-03-12', '--home', t.dir]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /bad\.txt/);
    assert.match(r.stderr, /1 stored, 0 already stored, 1 failed/);
    // The user mends the file; only the failed input is read again, and the good one stays stored once.
    writeFileSync(join(folder, 'bad.txt'), 'Gunmen killed three herders near Boni, in the Douentza circle, on Monday, a local official said.');
    const retry = run(['ingest', '--retry-failed', '--db', t.db, '--published', '2025-03-12', '--home', t.dir]);
    assert.equal(retry.status, 0, retry.stderr);
    assert.match(retry.stderr, /1 stored/);
    assert.match(run(['ingest', '--retry-failed', '--db', t.db, '--home', t.dir]).stderr, /no failed documents/);
  } finally {
    t.done();
  }
});

test('ACLED CSV round trip: export, import-acled into another store, export again: the same file', () => {
  const t = tmp();
  try {
    assert.equal(run(['ingest', ...EXAMPLE, '--db', t.db, '--published', '2025-03-12', '--home', t.dir, '--quiet']).status, 0);
    const csv1 = join(t.dir, 'one.csv');
    assert.equal(run(['export', '--db', t.db, '--output', csv1, '--home', t.dir]).status, 0);
    const other = join(t.dir, 'other.db');
    const imported = run(['import-acled', csv1, '--db', other, '--home', t.dir]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stderr, /2 events imported/);
    assert.match(run(['import-acled', csv1, '--db', other, '--home', t.dir]).stderr, /0 events imported, 2 already stored/);
    const csv2 = join(t.dir, 'two.csv');
    assert.equal(run(['export', '--db', other, '--output', csv2, '--home', t.dir]).status, 0);
    assert.equal(readFileSync(csv2, 'utf8'), readFileSync(csv1, 'utf8'));
    // Not an ACLED file: one clear error, nothing imported.
    writeFileSync(join(t.dir, 'x.csv'), 'a,b\n1,2\n');
    const bad = run(['import-acled', join(t.dir, 'x.csv'), '--db', other, '--home', t.dir]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /x\.csv: not an ACLED export: no event_id_cnty/);
  } finally {
    t.done();
  }
});

test('token create prints a token once; the role must be one of viewer, analyst, admin', () => {
  const t = tmp();
  try {
    const r = run(['token', 'create', '--role', 'analyst', '--name', 'ana', '--db', t.db, '--home', t.dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^flt_[A-Za-z0-9_-]{20,}\n$/);
    assert.match(run(['token', 'list', '--db', t.db, '--home', t.dir]).stdout, /^1\tanalyst\tana\t/);
    assert.equal(run(['token', 'create', '--role', 'root', '--db', t.db, '--home', t.dir]).status, 2);
  } finally {
    t.done();
  }
});
