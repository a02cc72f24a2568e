// The one-event rule: one type of interaction, same actors, one place, one day = one event.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExtractor, type Extractor } from '../../src/coder/extract.ts';
import type { FaultlineEvent } from '../../src/domain/schemas.ts';

let extractor: Extractor;
before(async () => {
  extractor = await createExtractor({ countries: ['ML', 'BF', 'NE'], home: mkdtempSync(join(tmpdir(), 'faultline-one-')) });
});

const show = (evs: FaultlineEvent[]) =>
  evs.length === 0 ? '(no event)' : evs.map((e) => `${e.event_date} ${e.sub_event_type} | ${e.actor1} / ${e.actor2} | ${e.location} (${e.admin1}) | fat ${e.fatalities}`).join('\n');

const code = (text: string) => {
  const events = extractor.extract({ id: 'one', text, published: '2025-11-10', lang: 'en' });
  for (const e of events) for (const s of e.evidence) assert.equal(text.slice(s.start, s.end), s.text);
  return events;
};

test('two or three sentences about one ambush or attack give one event', () => {
  const cases: Array<[string, string]> = [
    ['Militants ambushed a Malian army convoy near Douentza on Saturday, a military source said. The attackers opened fire on the soldiers from both sides of the road, and the fighting lasted about two hours.', 'Armed clash'],
    ['Gunmen attacked an army post outside Djibo on Sunday. Soldiers fought back and the assailants fled after a gun battle, security sources said.', 'Armed clash'],
    ['Jihadists ambushed a Burkinabe army convoy near Dori on Friday. Two soldiers were killed in the ambush, a security source said. The attack was later claimed by JNIM.', 'Armed clash'],
    ['Gunmen killed five villagers near Mopti on Saturday, local officials said. The attackers arrived on motorbikes and shot the victims in the village square.', 'Attack'],
  ];
  for (const [text, sub] of cases) {
    const events = code(text);
    assert.equal(events.length, 1, `${text}\ngot: ${show(events)}`);
    assert.equal(events[0]!.sub_event_type, sub, text);
  }
});

test('the figure told in a second sentence belongs to the one event', () => {
  const events = code('Jihadists ambushed a Burkinabe army convoy near Dori on Friday. Two soldiers were killed in the ambush, a security source said.');
  assert.equal(events.length, 1, show(events));
  assert.equal(events[0]!.fatalities, 2);
  assert.equal(events[0]!.event_date, '2025-11-07');
});

test('air strikes in two distinct towns on one day, told in two sentences, give two events', () => {
  const cases: Array<[string, string[]]> = [
    ['Drones struck militant positions near Gao on Saturday, the army said. On the same day, another air strike targeted a camp near Tombouctou.', ['Gao', 'Tombouctou']],
    ['Malian military aircraft struck a militant camp near Kidal on Saturday. Separately, a drone strike hit fighters near Ménaka the same day, the army said.', ['Kidal', 'Ménaka']],
  ];
  for (const [text, admin1s] of cases) {
    const events = code(text);
    assert.equal(events.length, 2, `${text}\ngot: ${show(events)}`);
    assert.deepEqual(events.map((e) => e.admin1).sort(), admin1s);
    for (const e of events) {
      assert.equal(e.sub_event_type, 'Air/drone strike');
      assert.equal(e.event_date, '2025-11-08');
    }
  }
});

test(
  'air strikes in two towns named in one sentence (or with the date in a side clause) give two events',
  { todo: 'only one event comes out: "near Kidal and near Ménaka" -> Kidal only; "near Djibo and near Dori" -> Djibo only; the "bombed ... near Gao" sentence is dropped (Kidal only)' },
  () => {
    const cases: Array<[string, string[]]> = [
      ['The Malian air force carried out air strikes near Kidal and near Ménaka on Saturday, the army said.', ['Kidal', 'Ménaka']],
      ["Burkina Faso's air force struck militants near Djibo and near Dori on Friday, the army said.", ['Djibo', 'Dori']],
      ['On Saturday, the army said its aircraft had bombed militant hideouts near Gao. A second air strike on Saturday hit a camp near Kidal, killing several fighters.', ['Gao', 'Kidal']],
    ];
    for (const [text, places] of cases) {
      const events = code(text);
      assert.equal(events.length, 2, `${text}\ngot: ${show(events)}`);
      assert.deepEqual(events.map((e) => e.location).sort(), places, show(events));
    }
  },
);

test('an ambush and a later air strike elsewhere are two events of different types', () => {
  const text =
    'Militants ambushed an army patrol near Douentza on Thursday, killing two soldiers, the army said. ' +
    'On Saturday, military aircraft struck the attackers near Mopti, the army added.';
  const events = code(text);
  assert.equal(events.length, 2, show(events));
  const clash = events.find((e) => e.sub_event_type === 'Armed clash');
  const strike = events.find((e) => e.sub_event_type === 'Air/drone strike');
  assert.ok(clash && strike, show(events));
  assert.equal(clash.event_date, '2025-11-06');
  assert.equal(strike.event_date, '2025-11-08');
  assert.equal(clash.fatalities, 2);
});
