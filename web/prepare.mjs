#!/usr/bin/env node
// `npm ci` / `npm install` run this (the "prepare" script): the dashboard is built into web/dist so that
// `faultline serve` has it on a fresh clone. An install without dev dependencies has no Vite: it says so and
// succeeds, since the API works without the dashboard (`faultline serve` explains how to build it later).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
let viteBin;
try {
  viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
} catch {
  console.warn('faultline: Vite is not installed (dev dependencies omitted): the dashboard is not built; `npm run build:web` builds it.');
  process.exit(0);
}
const started = Date.now();
const run = spawnSync(process.execPath, [viteBin, 'build', web, '--logLevel', 'warn'], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(`faultline: dashboard built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
