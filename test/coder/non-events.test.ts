// Nothing is coded from commentary, analysis, calls, plans, negations, hypotheticals or anniversaries.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExtractor, type Extractor } from '../../src/coder/extract.ts';
import type { FaultlineEvent } from '../../src/domain/schemas.ts';

let extractor: Extractor;
before(async () => {
  extractor = await createExtractor({ countries: ['ML', 'BF', 'NE'], home: mkdtempSync(join(tmpdir(), 'faultline-none-')) });
});

const show = (evs: FaultlineEvent[]) =>
  evs.map((e) => `${e.event_date} ${e.sub_event_type} | ${e.actor1} / ${e.actor2} | ${e.location} | fat ${e.fatalities}`).join('\n');

function assertNoEvent(texts: string[], published = '2025-11-10') {
  for (const text of texts) {
    const events = extractor.extract({ id: 'none', text, published, lang: 'en' });
    assert.deepEqual(events.length, 0, `expected no event in: ${text}\ngot: ${show(events)}`);
  }
}

test('control: the same vocabulary in a report of a real event does give an event', () => {
  const events = extractor.extract({ id: 'ctl', text: 'Gunmen attacked a village near Mopti on Saturday, killing four civilians, officials said.', published: '2025-11-10', lang: 'en' });
  assert.equal(events.length, 1);
});

test('commentary and analysis give no event', () => {
  assertNoEvent([
    "Analysts say jihadist groups have increasingly used ambushes and roadside bombs to weaken the army's hold on central Mali. The violence has displaced hundreds of thousands of people across the Sahel.",
    'Attacks by armed groups on civilians in the Mopti region have become more frequent in recent years, according to a report by a human rights group.',
    'The UN Secretary-General condemned the violence in Mali and called on all parties to protect civilians.',
  ]);
});

test('commentary after an event adds nothing: one event, not two', () => {
  const text =
    'Gunmen killed four villagers near Mopti on Saturday, local officials said. ' +
    'Analysts say such attacks have become more frequent in central Mali in recent years. ' +
    'The government has promised to send more troops to the region.';
  const events = extractor.extract({ id: 'mix', text, published: '2025-11-10', lang: 'en' });
  assert.equal(events.length, 1, show(events));
  assert.equal(events[0]!.sub_event_type, 'Attack');
});

test('plans and announcements ("will deploy", "plans to launch") give no event', () => {
  assertNoEvent([
    'The government said on Saturday it will deploy additional troops to Ménaka next month to protect civilians from attacks.',
    'Niger plans to launch air strikes against militant bases near Tillabéri in the coming weeks, the defence minister said on Sunday.',
  ]);
});

test('hypotheticals and fears give no event', () => {
  assertNoEvent([
    'If the army withdraws from Douentza, militants could attack the town and kill civilians, a local official warned on Sunday.',
    'Residents of Kaya fear that jihadists may attack the town in the coming days, a community leader said on Saturday.',
    'Officials warned on Sunday that militants would likely attack Gao if the road to Ménaka was not secured.',
  ]);
});

test(
  'negations and denials give no event',
  () => {
    assertNoEvent([
      'The situation in Gao remained calm on Sunday and no attack was reported, local officials said.',
      'Residents of Mopti said there had been no fighting in the town since the army deployed reinforcements last month.',
      'The army denied on Sunday that its soldiers had clashed with militants near Douentza, calling the reports false.',
    ]);
  },
);

test('a negation that passes today: "no clashes were reported"', () => {
  assertNoEvent(['No casualties and no clashes were reported in Kidal over the weekend, a UN spokesman said.']);
});

test(
  'calls for calm and appeals give no event',
  () => {
    assertNoEvent([
      'The governor of Gao called for calm on Sunday and urged residents not to take part in reprisal attacks.',
      'Religious leaders in Mopti on Saturday urged armed groups to stop attacks on civilians and called for dialogue.',
    ]);
  },
);

test('an old attack recalled "six years ago" gives no event', () => {
  assertNoEvent(['Six years ago, jihadists killed 24 soldiers in an attack on an army base near Djibo. Survivors say they are still waiting for justice.'], '2025-05-20');
});

test(
  'anniversaries of old (2019) massacres in a 2025 report give no event',
  () => {
    assertNoEvent(['Residents of Ogossagou gathered in Mopti on Sunday to remember the victims of the massacre of March 23, 2019, when gunmen killed about 160 Fulani villagers.'], '2025-03-24');
    assertNoEvent([
      'Mali on Sunday marked the anniversary of the 2019 massacre in Ogossagou, near Bankass, in which gunmen killed more than 150 villagers.',
      "Families in Djibo gathered on Saturday to commemorate the soldiers killed when militants attacked the town's army base in November 2019.",
      'Six years after jihadists killed 49 soldiers in an attack on the army base at Indelimane in November 2019, survivors held a ceremony in Ménaka on Saturday.',
    ]);
  },
);

test('an earlier event named as background ("since a pupil died", "the June 5 Movement") is not coded', () => {
  const text =
    'Students marched through Kaya on Tuesday, residents said. Protests have spread across the country since a pupil died in police custody last month.';
  const events = extractor.extract({ id: 'bg', text, published: '2025-11-13', lang: 'en' });
  assert.equal(events.length, 1, show(events));
  assert.equal(events[0]!.event_type, 'Protests', show(events));
  const named = extractor.extract({
    id: 'named',
    text: 'Supporters of the June 5 Movement demonstrated in Gao on Tuesday, calling for the release of detained activists.',
    published: '2025-11-13',
    lang: 'en',
  });
  assert.equal(named.length, 1, show(named));
  assert.equal(named[0]!.event_date, '2025-11-11', show(named));
});

test('a sentence that counts attacks sums up the ones told after it: no event of its own', () => {
  const text =
    'Nine people were killed in two attacks on villages near Mopti on Sunday. ' +
    'Near Konna town, gunmen raided the village of Sama and killed five farmers, local sources said. ' +
    'Near Douentza, militants killed four herders at a well, residents said.';
  const events = extractor.extract({ id: 'sum', text, published: '2025-11-12', lang: 'en' });
  assert.ok(events.every((e) => e.fatalities !== 9), `the summary's toll is no event: ${show(events)}`);
});
