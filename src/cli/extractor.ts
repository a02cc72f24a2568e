// Loads the extractor on first use: `--help` and usage errors answer at once, without loading
// the coder, the lexicons and the gazetteer.
import type { Extractor, ExtractorOptions } from '../coder/extract.ts';

export async function loadExtractor(options: ExtractorOptions): Promise<Extractor> {
  const { createExtractor } = await import('../coder/extract.ts');
  return createExtractor(options);
}
