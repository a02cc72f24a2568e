// Event types and sub-event types (one test per family, several phrasings each), and the one-event rule.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExtractor, type Extractor } from '../../src/coder/extract.ts';
import type { FaultlineEvent } from '../../src/domain/schemas.ts';

let extractor: Extractor;
before(async () => {
  extractor = await createExtractor({ countries: ['ML', 'BF', 'NE'], home: mkdtempSync(join(tmpdir(), 'faultline-types-')) });
});

const PUBLISHED = '2025-11-10'; // a Monday: "Saturday" is 2025-11-08, "Sunday" 2025-11-09

interface Case {
  text: string;
  lang?: string;
  /** Fields that must be equal. */
  want: Partial<FaultlineEvent>;
  /** Actors that must appear as actor1 or actor2 (either order). */
  involves?: string[];
}

const show = (evs: FaultlineEvent[]) =>
  evs.length === 0
    ? '(no event)'
    : evs.map((e) => `${e.event_type}/${e.sub_event_type} | ${e.actor1} [${e.assoc_actor_1}] / ${e.actor2} [${e.assoc_actor_2}] | ${e.location} (${e.admin1}) | fat ${e.fatalities}`).join('\n');

function codeOne(c: Case): FaultlineEvent {
  const events = extractor.extract({ id: 'types', text: c.text, published: PUBLISHED, lang: c.lang ?? 'en' });
  for (const e of events)
    for (const s of e.evidence) assert.equal(c.text.slice(s.start, s.end), s.text, `evidence span for ${s.field}`);
  assert.equal(events.length, 1, `expected one event in: ${c.text}\ngot: ${show(events)}`);
  const event = events[0]!;
  for (const [field, value] of Object.entries(c.want))
    assert.deepEqual(event[field as keyof FaultlineEvent], value, `${field} for: ${c.text}\ngot: ${show(events)}`);
  for (const actor of c.involves ?? [])
    assert.ok([event.actor1, event.actor2].includes(actor), `${actor} missing for: ${c.text}\ngot: ${show(events)}`);
  return event;
}

const checkAll = (cases: Case[]) => cases.map(codeOne);

const CLASH = { event_type: 'Battles', sub_event_type: 'Armed clash' } as const;
const ATTACK = { event_type: 'Violence against civilians', sub_event_type: 'Attack' } as const;
const ABDUCTION = { event_type: 'Violence against civilians', sub_event_type: 'Abduction/forced disappearance' } as const;
const AIR = { event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike' } as const;
const IED = { event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED' } as const;
const SUICIDE = { event_type: 'Explosions/Remote violence', sub_event_type: 'Suicide bomb' } as const;
const SHELLING = { event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack' } as const;
const PEACEFUL = { event_type: 'Protests', sub_event_type: 'Peaceful protest' } as const;
const INTERVENTION = { event_type: 'Protests', sub_event_type: 'Protest with intervention' } as const;
const RIOT = { event_type: 'Riots', sub_event_type: 'Violent demonstration' } as const;
const ARRESTS = { event_type: 'Strategic developments', sub_event_type: 'Arrests' } as const;
const AGREEMENT = { event_type: 'Strategic developments', sub_event_type: 'Agreement' } as const;
const LOOTING = { event_type: 'Strategic developments', sub_event_type: 'Looting/property destruction' } as const;

const MALI = 'Military Forces of Mali (2021-)';
const BURKINA = 'Military Forces of Burkina Faso (2022-)';
const NIGER = 'Military Forces of Niger (2023-)';

test('Battles/Armed clash: soldiers and militants fight, whoever starts it', () => {
  const events = checkAll([
    { text: 'Malian soldiers clashed with jihadist militants near Douentza on Saturday, the army said. Fighting lasted several hours before the attackers withdrew.', want: { ...CLASH, admin1: 'Mopti', event_date: '2025-11-08' }, involves: [MALI] },
    { text: 'Troops repelled an attack by armed militants on their base in Gao on Sunday, according to security sources.', want: { ...CLASH, admin1: 'Gao' }, involves: [MALI] },
    { text: 'Burkinabe troops fought suspected jihadists outside Djibo on Friday in a firefight that lasted into the evening, a military source said.', want: { ...CLASH, country: 'Burkina Faso' }, involves: [BURKINA] },
    { text: 'Militants ambushed a Nigerien army patrol near Tillabéri on Thursday, sparking a gunfight, the defence ministry said.', want: { ...CLASH, country: 'Niger', admin1: 'Tillabéri' }, involves: [NIGER] },
    { text: 'Gunmen attacked a police station in Tillabéri on Sunday, killing two policemen, officials said.', want: { ...CLASH, fatalities: 2 }, involves: ['Police Forces of Niger (2023-)'] },
  ]);
  for (const e of events) {
    assert.notEqual(e.actor1, e.actor2);
    assert.ok(e.actor1 && e.actor2, 'a battle has two sides');
    assert.ok(!/^Civilians/.test(e.actor1) && !/^Civilians/.test(e.actor2), 'no civilians in a battle');
    assert.match(e.interaction, /^State forces-/);
  }
});

test('Violence against civilians/Attack: villagers killed by gunmen; victims are actor2, Civilians (Country)', () => {
  const events = checkAll([
    { text: 'Gunmen killed seven villagers in an attack near Mopti on Saturday, local officials said.', want: { ...ATTACK, actor1: 'Unidentified Armed Group (Mali)', actor2: 'Civilians (Mali)', fatalities: 7 } },
    { text: 'Unidentified assailants shot dead four civilians at a market in Ménaka on Friday, residents said.', want: { ...ATTACK, actor1: 'Unidentified Armed Group (Mali)', actor2: 'Civilians (Mali)' } },
    { text: 'Six villagers were killed by unidentified gunmen near Ouahigouya on Saturday, a local official said.', want: { ...ATTACK, actor1: 'Unidentified Armed Group (Burkina Faso)', actor2: 'Civilians (Burkina Faso)' } },
    { text: 'Armed men attacked a village near Kaya on Sunday, killing five civilians, a local source said.', want: { ...ATTACK, actor2: 'Civilians (Burkina Faso)', fatalities: 5 } },
    { text: 'Suspected jihadists executed three civilians in a village near Tillabéri on Sunday, residents said.', want: { ...ATTACK, actor2: 'Civilians (Niger)' } },
  ]);
  for (const e of events) {
    assert.equal(e.inter2, 'Civilians');
    assert.equal(e.civilian_targeting, 'Civilian targeting');
  }
});

test(
  'Violence against civilians/Attack: "opened fire on residents/a market, killing civilians"',
  () => {
    checkAll([
      { text: 'Armed men on motorcycles opened fire on residents of a village outside Kaya on Sunday, killing five civilians, a local source told reporters.', want: { ...ATTACK, actor2: 'Civilians (Burkina Faso)' } },
      { text: 'Gunmen opened fire on a market near Mopti on Saturday, killing four civilians, witnesses said.', want: { ...ATTACK, actor2: 'Civilians (Mali)' } },
    ]);
  },
);

test('Abduction/forced disappearance: kidnapped, abducted, nobody killed', () => {
  checkAll([
    { text: 'Gunmen kidnapped three aid workers near Dori on Saturday, a humanitarian source said.', want: { ...ABDUCTION, actor2: 'Civilians (Burkina Faso)', fatalities: 0 } },
    { text: 'A village chief was abducted by armed men outside Ouahigouya on Sunday, relatives said.', want: { ...ABDUCTION, actor1: 'Unidentified Armed Group (Burkina Faso)', actor2: 'Civilians (Burkina Faso)' } },
    { text: 'Suspected jihadists abducted two traders on the road near Diffa on Friday and took them to an unknown location, local sources said.', want: { ...ABDUCTION, actor2: 'Civilians (Niger)' } },
    { text: 'Two foreign nationals were kidnapped by gunmen in Niamey on Saturday, police said.', want: { ...ABDUCTION, actor1: 'Unidentified Armed Group (Niger)' } },
  ]);
});

test('abduction becomes Attack when a hostage is killed', () => {
  checkAll([
    { text: 'Gunmen abducted a local councillor near Dori on Saturday and later killed him, a relative said.', want: { ...ATTACK, actor2: 'Civilians (Burkina Faso)' } },
    { text: 'Gunmen kidnapped four villagers near Djibo on Saturday and killed two of them, residents said.', want: { ...ATTACK, actor2: 'Civilians (Burkina Faso)', fatalities: 2 } },
    { text: 'Two teachers who were abducted by armed men near Kaya on Sunday were found dead hours later, residents said.', want: { ...ATTACK, actor2: 'Civilians (Burkina Faso)' } },
  ]);
});

test(
  'abduction becomes Attack: "kidnapped and killed"',
  () => {
    checkAll([
      { text: 'Gunmen kidnapped and killed a local councillor near Dori on Saturday, a relative said.', want: { ...ATTACK, actor2: 'Civilians (Burkina Faso)' } },
      { text: 'Armed men kidnapped and killed three villagers near Djibo on Saturday, residents said.', want: { ...ATTACK, actor2: 'Civilians (Burkina Faso)', fatalities: 3 } },
    ]);
  },
);

test('Explosions/Remote violence/Air/drone strike: air strikes, drones, bombing from the air', () => {
  checkAll([
    { text: 'The Malian army said it carried out an air strike near Kidal on Saturday, killing several militants.', want: { ...AIR, actor1: MALI, admin1: 'Kidal' } },
    { text: 'A drone strike hit a vehicle carrying suspected jihadists outside Ménaka on Sunday, the army said in a statement.', want: { ...AIR, admin1: 'Ménaka' } },
    { text: "Burkina Faso's air force bombed a militant camp near Djibo on Friday, destroying several motorcycles, the army said.", want: { ...AIR, actor1: BURKINA } },
    { text: 'Nigerien military aircraft bombed a jihadist hideout near Diffa on Sunday, killing about ten militants, the defence ministry said.', want: { ...AIR, actor1: NIGER, fatalities: 10 } },
  ]);
});

test('Remote explosive/landmine/IED: roadside bombs, landmines, explosive devices', () => {
  checkAll([
    { text: 'Three soldiers were killed when their vehicle struck an improvised explosive device near Douentza on Saturday, a military source said.', want: { ...IED, actor2: MALI, fatalities: 3 } },
    { text: 'A bus hit a landmine on the road between Mopti and Sévaré on Sunday, killing six passengers, officials said.', want: { ...IED, actor2: 'Civilians (Mali)', fatalities: 6 } },
    { text: 'A roadside bomb exploded as a military convoy passed outside Gao on Friday, wounding two soldiers, the army said.', want: { ...IED, fatalities: 0 } },
    { text: 'Two civilians were killed when their cart hit an explosive device near Djibo on Sunday, residents said.', want: { ...IED, actor2: 'Civilians (Burkina Faso)', fatalities: 2 } },
  ]);
});

test('Suicide bomb: a bomber who dies in the blast outranks every other explosion', () => {
  checkAll([
    { text: 'A suicide bomber blew himself up at a checkpoint in Gao on Saturday, killing two soldiers, the army said.', want: { ...SUICIDE, actor2: MALI } },
    { text: 'A suicide car bomb struck a military camp in Diffa on Sunday, killing four soldiers and the attacker, security sources said.', want: { ...SUICIDE, actor2: NIGER } },
    { text: 'A suicide bomber detonated an explosives-laden vehicle at an army base near Ménaka on Saturday, killing three soldiers, the army said.', want: { ...SUICIDE } },
  ]);
});

test('Shelling/artillery/missile attack: mortars, rockets, shelling', () => {
  checkAll([
    { text: 'Militants fired mortar shells at the army camp in Kidal on Saturday, wounding three soldiers, the army said.', want: { ...SHELLING, actor2: MALI, fatalities: 0 } },
    { text: 'Several rockets hit the airport in Gao on Sunday, causing damage but no casualties, officials said.', want: { ...SHELLING, fatalities: 0 } },
    { text: 'Jihadists shelled the town of Ménaka on Friday, killing a civilian, residents said.', want: { ...SHELLING, fatalities: 1 } },
    { text: 'Militants fired rockets at the UN camp in Kidal on Sunday, the mission said.', want: { ...SHELLING } },
  ]);
});

test('Protests/Peaceful protest: marches, rallies, sit-ins without intervention', () => {
  checkAll([
    { text: 'Hundreds of people marched peacefully through Bamako on Saturday to demand better security in the centre of the country, organisers said.', want: { ...PEACEFUL, actor1: 'Protesters (Mali)', actor2: '', fatalities: 0 } },
    { text: 'Residents of Ségou held a demonstration on Sunday to protest against fuel shortages, a local journalist said. The rally ended without incident.', want: { ...PEACEFUL, actor1: 'Protesters (Mali)' } },
    { text: 'Students protested in Ouagadougou on Friday against the closure of their university, witnesses said.', want: { ...PEACEFUL, actor1: 'Protesters (Burkina Faso)' } },
    { text: "Several hundred women staged a sit-in outside the governor's office in Dori on Saturday to demand news of their abducted husbands, witnesses said.", want: { ...PEACEFUL, actor1: 'Protesters (Burkina Faso)' } },
    { text: 'Des centaines de personnes ont manifesté samedi à Bamako pour réclamer plus de sécurité.', lang: 'fr', want: { ...PEACEFUL, actor1: 'Protesters (Mali)' } },
    // the detention a march is about is its cause, not an intervention
    { text: 'Des centaines de femmes ont marché mardi à Ouagadougou pour réclamer la libération de leurs maris détenus.', lang: 'fr', want: { ...PEACEFUL, actor2: '' } },
    { text: 'Hundreds of women marched in Ouagadougou on Tuesday to demand the release of their husbands, who were arrested last month.', want: { ...PEACEFUL, actor2: '' } },
  ]);
});

test('Protests/Protest with intervention: tear gas, dispersal, arrests of protesters', () => {
  const events = checkAll([
    { text: 'Police fired tear gas to disperse protesters in Niamey on Saturday who were demanding the release of a journalist, witnesses said.', want: { ...INTERVENTION, actor1: 'Protesters (Niger)', actor2: 'Police Forces of Niger (2023-)' } },
    { text: 'Security forces dispersed a demonstration by traders in Bamako with tear gas on Sunday, a witness said.', want: { ...INTERVENTION, actor1: 'Protesters (Mali)' } },
    { text: 'Police arrested a dozen protesters who had gathered in Ouagadougou on Friday to denounce power cuts, organisers said.', want: { ...INTERVENTION, actor1: 'Protesters (Burkina Faso)', actor2: 'Police Forces of Burkina Faso (2022-)' } },
  ]);
  for (const e of events) assert.equal(e.fatalities, 0);
});

test('Riots/Violent demonstration: stones, burning, a demonstration turned violent', () => {
  checkAll([
    { text: 'Angry youths burned tyres and threw stones at police in Gao on Saturday during a protest over insecurity, residents said.', want: { ...RIOT, actor1: 'Rioters (Mali)' } },
    { text: 'Rioters set fire to the town hall in Kaya on Sunday after a demonstration against the mayor turned violent, witnesses said.', want: { ...RIOT, actor1: 'Rioters (Burkina Faso)' } },
    { text: 'Demonstrators threw stones at police and burned tyres in Niamey on Friday during a protest over rising prices, witnesses said.', want: { ...RIOT, actor1: 'Rioters (Niger)' } },
  ]);
});

test('Riots/Violent demonstration: the crowd\'s own destruction outranks the force used on it', () => {
  checkAll([
    { text: 'Gendarmes opened fire on a crowd protesting against extortion in Gao on Monday, killing one protester. The demonstrators then burned the customs post, witnesses said.', want: { ...RIOT, actor1: 'Rioters (Mali)', fatalities: 1 } },
    { text: 'Des gendarmes ont tiré sur des manifestants lundi à Gao, tuant un jeune. Les manifestants ont ensuite incendié le poste de police, selon des témoins.', lang: 'fr', want: { ...RIOT, actor1: 'Rioters (Mali)', fatalities: 1 } },
  ]);
  // Force on a crowd that destroyed nothing stays excessive force.
  checkAll([{ text: 'Des gendarmes ont tiré sur des manifestants lundi à Gao, tuant deux jeunes, selon des témoins.', lang: 'fr', want: { event_type: 'Protests', sub_event_type: 'Excessive force against protesters', fatalities: 2 } }]);
});

test('Battles/Government regains territory: state forces take a place from a group they fought or drove out', () => {
  const REGAIN = { event_type: 'Battles', sub_event_type: 'Government regains territory' } as const;
  checkAll([
    { text: 'Malian troops took control of Douentza on Saturday after clashes with jihadist fighters, officials said.', want: { ...REGAIN, admin1: 'Mopti' }, involves: [MALI] },
    { text: 'Malian soldiers seized the airport in Gao on Sunday, driving out the militants who had held it, military officials said.', want: REGAIN, involves: [MALI] },
    { text: "L'armée malienne a repris le contrôle de Douentza samedi après des combats avec des jihadistes, selon des sources militaires.", lang: 'fr', want: REGAIN, involves: [MALI] },
  ]);
  // No fight and no one driven out: the place changes hands peacefully.
  checkAll([{ text: 'Malian troops took control of Douentza on Saturday after the militants withdrew, officials said.', want: { event_type: 'Strategic developments', sub_event_type: 'Non-violent transfer of territory' } }]);
});

test('Strategic developments/Arrests: state forces arrest non-violent people outside a protest', () => {
  const events = checkAll([
    { text: 'Police in Bamako arrested an opposition politician on Saturday, his party said.', want: { ...ARRESTS, actor1: 'Police Forces of Mali (2021-)' } },
    { text: 'Gendarmes arrested two journalists in Niamey on Sunday, their employer said.', want: { ...ARRESTS, admin1: 'Niamey' } },
    { text: 'Burkinabe security forces arrested a civil society activist in Ouagadougou on Sunday, his lawyer said.', want: { ...ARRESTS } },
  ]);
  for (const e of events) {
    assert.equal(e.inter1, 'State forces');
    assert.equal(e.fatalities, 0);
  }
});

test('Strategic developments/Agreement: ceasefire, peace deal, prisoner exchange', () => {
  checkAll([
    { text: 'The government and armed groups signed a ceasefire agreement in Kidal on Saturday, officials said.', want: { ...AGREEMENT, admin1: 'Kidal' } },
    { text: 'Dozo hunters and Fulani herders concluded a peace deal in Mopti on Sunday, mediators said.', want: { ...AGREEMENT } },
    { text: 'The army and the rebels agreed a prisoner exchange in Kidal on Sunday, mediators said.', want: { ...AGREEMENT } },
  ]);
});

test('Strategic developments/Looting/property destruction: a school burned, shops looted, nobody hurt', () => {
  checkAll([
    { text: 'Gunmen burned a school in a village near Djibo on Saturday, local officials said. No one was hurt.', want: { ...LOOTING, actor1: 'Unidentified Armed Group (Burkina Faso)', fatalities: 0 } },
    { text: 'Militants torched a school in a village near Dori on Sunday, officials said. No casualties were reported.', want: { ...LOOTING, fatalities: 0 } },
    { text: 'Militants looted shops and stole cattle near Douentza on Friday, residents said.', want: { ...LOOTING, actor1: 'Unidentified Armed Group (Mali)' } },
  ]);
});

test(
  'Looting/property destruction: "set fire to a school"',
  () => {
    checkAll([
      { text: 'Armed men set fire to a primary school outside Douentza on Sunday, residents said.', want: { ...LOOTING, admin1: 'Mopti' } },
      { text: 'Gunmen set fire to a school near Kaya on Saturday, local authorities said.', want: { ...LOOTING, country: 'Burkina Faso' } },
    ]);
  },
);

// ---- The one-event rule: one type of interaction, same actors, one place, one day = one event. ----

const showAll = (evs: FaultlineEvent[]) =>
  evs.length === 0 ? '(no event)' : evs.map((e) => `${e.event_date} ${e.sub_event_type} | ${e.actor1} / ${e.actor2} | ${e.location} (${e.admin1}) | fat ${e.fatalities}`).join('\n');

const codeAll = (text: string) => {
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
    const events = codeAll(text);
    assert.equal(events.length, 1, `${text}\ngot: ${showAll(events)}`);
    assert.equal(events[0]!.sub_event_type, sub, text);
  }
});

test('the figure told in a second sentence belongs to the one event', () => {
  const events = codeAll('Jihadists ambushed a Burkinabe army convoy near Dori on Friday. Two soldiers were killed in the ambush, a security source said.');
  assert.equal(events.length, 1, showAll(events));
  assert.equal(events[0]!.fatalities, 2);
  assert.equal(events[0]!.event_date, '2025-11-07');
});

test('air strikes in two distinct towns on one day, told in two sentences, give two events', () => {
  const cases: Array<[string, string[]]> = [
    ['Drones struck militant positions near Gao on Saturday, the army said. On the same day, another air strike targeted a camp near Tombouctou.', ['Gao', 'Tombouctou']],
    ['Malian military aircraft struck a militant camp near Kidal on Saturday. Separately, a drone strike hit fighters near Ménaka the same day, the army said.', ['Kidal', 'Ménaka']],
  ];
  for (const [text, admin1s] of cases) {
    const events = codeAll(text);
    assert.equal(events.length, 2, `${text}\ngot: ${showAll(events)}`);
    assert.deepEqual(events.map((e) => e.admin1).sort(), admin1s);
    for (const e of events) {
      assert.equal(e.sub_event_type, 'Air/drone strike');
      assert.equal(e.event_date, '2025-11-08');
    }
  }
});

test(
  'air strikes in two towns named in one sentence (or with the date in a side clause) give two events',
  () => {
    const cases: Array<[string, string[]]> = [
      ['The Malian air force carried out air strikes near Kidal and near Ménaka on Saturday, the army said.', ['Kidal', 'Ménaka']],
      ["Burkina Faso's air force struck militants near Djibo and near Dori on Friday, the army said.", ['Djibo', 'Dori']],
      ['On Saturday, the army said its aircraft had bombed militant hideouts near Gao. A second air strike on Saturday hit a camp near Kidal, killing several fighters.', ['Gao', 'Kidal']],
    ];
    for (const [text, places] of cases) {
      const events = codeAll(text);
      assert.equal(events.length, 2, `${text}\ngot: ${showAll(events)}`);
      assert.deepEqual(events.map((e) => e.location).sort(), places, showAll(events));
    }
  },
);

test('an ambush and a later air strike elsewhere are two events of different types', () => {
  const text =
    'Militants ambushed an army patrol near Douentza on Thursday, killing two soldiers, the army said. ' +
    'On Saturday, military aircraft struck the attackers near Mopti, the army added.';
  const events = codeAll(text);
  assert.equal(events.length, 2, showAll(events));
  const clash = events.find((e) => e.sub_event_type === 'Armed clash');
  const strike = events.find((e) => e.sub_event_type === 'Air/drone strike');
  assert.ok(clash && strike, showAll(events));
  assert.equal(clash.event_date, '2025-11-06');
  assert.equal(strike.event_date, '2025-11-08');
  assert.equal(clash.fatalities, 2);
});
