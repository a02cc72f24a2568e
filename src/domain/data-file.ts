// Loads a data file the package ships under data/ (JSON or YAML), checked against its zod schema,
// so a typo in a lexicon fails at load with the file's name instead of misbehaving later.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

export function loadDataFile<S extends z.ZodType>(relativePath: string, schema: S): z.infer<S> {
  const path = join(DATA_DIR, relativePath);
  const raw = readFileSync(path, 'utf8');
  const parsed: unknown = path.endsWith('.json') ? JSON.parse(raw) : parseYaml(raw);
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`data file ${relativePath} is invalid: ${issues}`);
  }
  return result.data;
}
