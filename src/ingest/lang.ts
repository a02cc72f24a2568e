// The language a page or feed declares (<html lang="fr-FR">, <language>fr-fr</language>, xml:lang).
// A declared language the extractor does not know is reported in the page's own terms, rather than
// through validateDocument's JSONL wording ("leave it out"), which a page's author chose, not the user.
import { LANGS } from '../domain/index.ts';
import { normaliseLang } from './validate.ts';

export type DeclaredLang = { lang?: string } | { problem: string };

/** `where` names the declaration in the message ("<html lang>", "the feed's <language>"). */
export function declaredLang(tag: string | undefined, where: string): DeclaredLang {
  const value = tag?.trim() ?? '';
  // Empty, "und", "x-default" and other non-language values say nothing: let detection decide.
  if (!/^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i.test(value) || /^(?:und|mul|zxx)\b/i.test(value)) return {};
  const lang = normaliseLang(value);
  if (lang) return { lang };
  return { problem: `written in '${value}' (${where}); Faultline reads ${LANGS.join(', ')}` };
}
