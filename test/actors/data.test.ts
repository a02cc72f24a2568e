import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictionary } from '../../src/actors/dictionary.ts';
import { fold } from '../../src/actors/tokens.ts';

test('no alias points to two different entries', () => {
  const seen = new Map<string, string>();
  for (const e of dictionary().entries.values()) {
    for (const a of [...e.aliases, ...(e.caseAliases ?? [])]) {
      const key = fold(a).replace(/[^a-z0-9]+/g, ' ').trim();
      const other = seen.get(key);
      assert.ok(other === undefined || other === e.id, `alias "${a}" is in ${other} and ${e.id}`);
      seen.set(key, e.id);
    }
  }
});

test('regime periods of each country are contiguous and end open', () => {
  for (const c of dictionary().countries.values()) {
    c.regimes.forEach((r, k) => {
      const next = c.regimes[k + 1];
      if (next) assert.equal(r.to, next.from, `${c.iso2}: gap after ${r.label}`);
      else assert.equal(r.to, null, `${c.iso2}: last regime must be open`);
    });
  }
});

test('named periods are contiguous', () => {
  for (const e of dictionary().entries.values()) {
    const ps = e.periods ?? [];
    for (let k = 1; k < ps.length; k++) assert.equal(ps[k - 1]?.to, ps[k]?.from, `${e.id}: periods must meet`);
  }
});
