// The coding-rule tables under data/dedup: they load, and their schemas refuse mistakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompatibilityTableSchema, shippedCompatibility } from '../../src/dedup/compatibility.ts';
import { shippedActorKinds } from '../../src/dedup/actor-kinds.ts';
import { shippedPartyTest } from '../../src/dedup/parties.ts';
import { SUB_EVENT_TYPE_NAMES, eventTypeOf } from '../../src/domain/codebook.ts';

test('compatible.yaml: symmetric pairs, and no battle is ever a protest', () => {
  const rules = shippedCompatibility();
  assert.equal(rules.relate('Armed clash', 'Attack').kind, 'compatible');
  assert.equal(rules.relate('Attack', 'Armed clash').kind, 'compatible');
  assert.equal(rules.relate('Air/drone strike', 'Shelling/artillery/missile attack').kind, 'compatible');
  assert.equal(rules.relate('Peaceful protest', 'Protest with intervention').kind, 'compatible');
  assert.equal(rules.relate('Remote explosive/landmine/IED', 'Attack').kind, 'compatible');
  assert.equal(rules.relate('Government regains territory', 'Non-state actor overtakes territory').kind, 'incompatible');
  for (const a of SUB_EVENT_TYPE_NAMES) {
    for (const b of SUB_EVENT_TYPE_NAMES) {
      assert.equal(rules.relate(a, b).kind, rules.relate(b, a).kind, `${a} / ${b}`);
      const pair = new Set([eventTypeOf(a), eventTypeOf(b)]);
      if (pair.has('Battles') && pair.has('Protests')) assert.equal(rules.relate(a, b).kind, 'incompatible', `${a} / ${b}`);
    }
  }
});

test('the compatibility schema refuses unknown types, self-pairs and pairs listed twice', () => {
  const parse = (pairs: unknown): boolean => CompatibilityTableSchema.safeParse({ pairs }).success;
  assert.equal(parse([{ types: ['Armed clash', 'Attack'], why: 'x' }]), true);
  assert.equal(parse([{ types: ['Armed clash', 'Attacks'], why: 'x' }]), false);
  assert.equal(parse([{ types: ['Attack', 'Attack'], why: 'x' }]), false);
  assert.equal(parse([{ types: ['Armed clash', 'Attack'] }]), false);
  assert.equal(parse([{ types: ['Armed clash', 'Attack'], why: 'x' }, { types: ['Attack', 'Armed clash'], why: 'y' }]), false);
});

test('actor-kinds.yaml: what each kind of name is', () => {
  const kinds = shippedActorKinds();
  assert.equal(kinds.view('Unidentified Armed Group (Mali)').kind, 'unidentified');
  assert.equal(kinds.view('Civilians (Burkina Faso)').kind, 'collective');
  assert.equal(kinds.view('JNIM: Group for Support of Islam and Muslims').kind, 'named');
  assert.equal(kinds.view('JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)').kind, 'alternatives');
  assert.equal(kinds.view('').kind, 'none');
  assert.equal(kinds.view('Protesters (Mali)').identity, kinds.view('Rioters (Mali)').identity);
  assert.notEqual(kinds.view('Protesters (Mali)').identity, kinds.view('Rioters (Niger)').identity);
});

test('parties.yaml: armies, armed groups and their media are parties; officials and residents are not', () => {
  const isParty = shippedPartyTest();
  for (const claimant of ['the army', 'Military Forces of Mali (2021-)', "l'armée malienne", 'JNIM', 'a security source', 'the FDS'])
    assert.equal(isParty({ claimant }), true, claimant);
  assert.equal(isParty({ claimant: 'a source', channel: 'Az Zallaqa' }), true);
  for (const claimant of ['local officials', 'residents', 'a hospital source', 'a policy analyst', 'the mayor'])
    assert.equal(isParty({ claimant }), false, claimant);
});
