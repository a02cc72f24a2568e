import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHome, resolveHome } from '../../src/cli/home.ts';
import { chooseFormat } from '../../src/cli/extract-command.ts';
import { parseCountries, parseMaxBytes } from '../../src/cli/options.ts';

test('home: --home, then FAULTLINE_HOME, then ~/.faultline; relative paths and ~ resolved', () => {
  const base = { userHome: '/home/ada', cwd: '/work' };
  assert.equal(resolveHome({ ...base, env: {} }), '/home/ada/.faultline');
  assert.equal(resolveHome({ ...base, env: { FAULTLINE_HOME: '/data/fl' } }), '/data/fl');
  assert.equal(resolveHome({ ...base, env: { FAULTLINE_HOME: '  ' } }), '/home/ada/.faultline');
  assert.equal(resolveHome({ ...base, flag: 'state', env: { FAULTLINE_HOME: '/data/fl' } }), '/work/state');
  assert.equal(resolveHome({ ...base, flag: '~/fl', env: {} }), '/home/ada/fl');
});

test('home: resolving does not create the directory; ensureHome does', () => {
  const root = mkdtempSync(join(tmpdir(), 'faultline-home-test-'));
  const home = resolveHome({ flag: join(root, 'a', 'b'), env: {} });
  assert.equal(existsSync(home), false);
  ensureHome(home);
  assert.equal(existsSync(home), true);
});

test('format: explicit, by output extension, table on a terminal, jsonl in a pipe', () => {
  assert.equal(chooseFormat('csv', undefined, true), 'csv');
  assert.equal(chooseFormat(undefined, 'x.geojson', true), 'geojson');
  assert.equal(chooseFormat(undefined, 'x.out', true), 'jsonl');
  assert.equal(chooseFormat(undefined, undefined, true), 'table');
  assert.equal(chooseFormat(undefined, undefined, false), 'jsonl');
});

test('options: countries and sizes', () => {
  assert.deepEqual(parseCountries('ml, bf,NE,ML'), ['ML', 'BF', 'NE']);
  assert.throws(() => parseCountries('Mali'), /alpha-2/);
  assert.equal(parseMaxBytes('5M'), 5 * 1024 * 1024);
  assert.equal(parseMaxBytes('512k'), 512 * 1024);
  assert.throws(() => parseMaxBytes('0'), /positive/);
});
