// mergeFatalities: the codebook's lowest credible figure, party claims, and UCDP-style low/best/high.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeFatalities, type FatalityReport } from '../../src/dedup/fatalities.ts';

const armySays = (n: number): FatalityReport => ({
  source: 'ORTM', fatalities: n, claims: [{ field: 'fatalities', value: n, claimant: 'Military Forces of Mali (2021-)', channel: 'communiqué' }],
});
const officialsSay = (n: number, source = 'Studio Tamani'): FatalityReport => ({
  source, fatalities: n, claims: [{ field: 'fatalities', value: n, claimant: 'local officials' }],
});
const jnimClaims = (n: number): FatalityReport => ({
  source: 'Menastream', fatalities: n, claims: [{ field: 'fatalities', value: n, claimant: 'JNIM', channel: 'Az Zallaqa' }],
});

test('army 12, independent 4, JNIM claim 40 -> 4 coded; low 4, best 4, high 40; conflict', () => {
  const merged = mergeFatalities([armySays(12), officialsSay(4), jnimClaims(40)]);
  assert.deepEqual(merged, {
    fatalities: 4, low: 4, best: 4, high: 40, conflict: true,
    bySource: [
      { source: 'Menastream', fatalities: 40 },
      { source: 'ORTM', fatalities: 12 },
      { source: 'Studio Tamani', fatalities: 4 },
    ],
  });
});

test('an outlet\'s own count, without attribution, is independent', () => {
  const merged = mergeFatalities([armySays(2), { source: 'RFI', fatalities: 7 }, jnimClaims(30)]);
  // the army's 2 is the lowest figure, but a party's: the independent 7 is coded
  assert.equal(merged.fatalities, 7);
  assert.equal(merged.low, 2);
  assert.equal(merged.high, 30);
  assert.ok(merged.low <= merged.fatalities && merged.fatalities <= merged.best && merged.best <= merged.high);
});

test('only parties give a toll: the lowest of their figures is still coded', () => {
  const merged = mergeFatalities([armySays(12), jnimClaims(40)]);
  assert.equal(merged.fatalities, 12);
  assert.equal(merged.best, 12);
  assert.equal(merged.conflict, true);
});

test('several independent figures: lowest coded, best is the middle one', () => {
  const merged = mergeFatalities([officialsSay(10, 'A'), officialsSay(4, 'B'), officialsSay(6, 'C'), jnimClaims(50)]);
  assert.deepEqual([merged.fatalities, merged.low, merged.best, merged.high], [4, 4, 6, 50]);
});

test('a source silent on the toll (0, no claim) neither lowers the count nor conflicts', () => {
  const merged = mergeFatalities([{ source: 'AFP', fatalities: 0 }, officialsSay(4)]);
  assert.deepEqual([merged.fatalities, merged.low, merged.conflict], [4, 4, false]);
  // a stated zero is a figure
  const stated = mergeFatalities([{ source: 'AFP', fatalities: 0, claims: [{ field: 'fatalities', value: 0, claimant: 'residents' }] }, officialsSay(4)]);
  assert.deepEqual([stated.fatalities, stated.conflict], [0, true]);
  assert.equal(mergeFatalities([{ source: 'AFP', fatalities: 0 }]).fatalities, 0);
});

test('sources that agree: no conflict; the result does not depend on order', () => {
  const reports = [officialsSay(5, 'A'), { source: 'B', fatalities: 5 }, armySays(5)];
  const merged = mergeFatalities(reports);
  assert.equal(merged.conflict, false);
  assert.deepEqual(mergeFatalities([...reports].reverse()), merged);
});

test('a caller can say who the parties are', () => {
  const merged = mergeFatalities([officialsSay(4), armySays(12)], { isParty: (c) => c.claimant === 'local officials' });
  assert.equal(merged.fatalities, 12);
});
