// One HTML news page -> one Document: the article's text found by Readability (menus, ads, comments and
// scripts left out), with the page's own title, date, language, URL and site name.
// Never throws: whatever is wrong with the page comes back as a DocumentError that names it.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { completeHtml, isLinkHeavy, joinBlocks, nestsDeeperThan, textBlocks, type TextBlock } from './blocks.ts';
import { normaliseDate } from './dates.ts';
import type { ReadResult } from './documents.ts';
import { DocumentError, toDocumentError } from './errors.ts';
import { hostOf, readPageMeta } from './html-meta.ts';
import { declaredLang } from './lang.ts';
import { checkText, validateDocument, type ValidateOptions } from './validate.ts';

export type HtmlOptions = { id: string; url?: string } & ValidateOptions;

/**
 * Readability's time grows much faster than the page when elements nest deep: about 0.3 s at 200 levels,
 * 25 s (or a stack overflow) at a few thousand, which is what a page of unclosed <b> or <font> tags gives.
 * Real pages nest 20 to 60 deep. Deeper pages are read without Readability.
 */
export const READABILITY_MAX_DEPTH = 200;

/** Page furniture left out when a page is read without Readability. */
const CHROME_TAGS: ReadonlySet<string> = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu']);

/** The article's paragraphs and what Readability learnt of the page (nothing, for a page too deep for it). */
interface Article {
  blocks: TextBlock[];
  title?: string;
  siteName?: string;
  /** YYYY-MM-DD, from the page's JSON-LD. */
  published?: string;
}

function articleBlocks(document: Document, id: string): Article {
  if (nestsDeeperThan(document.documentElement, READABILITY_MAX_DEPTH)) {
    return { blocks: textBlocks(document.body, CHROME_TAGS).filter((b) => !isLinkHeavy(b)) };
  }
  let article: ReturnType<Readability<Node>['parse']>;
  try {
    // The serializer hands back the article's DOM node, so the text is built from its blocks, not from
    // Readability's textContent (paragraphs glued together).
    article = new Readability<Node>(document, { serializer: (node) => node }).parse();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new DocumentError(id, `cannot read the page's structure (${detail}); is the HTML badly broken?`);
  }
  const blocks = article?.content ? textBlocks(article.content).filter((b) => !isLinkHeavy(b)) : [];
  const out: Article = { blocks };
  if (article?.title) out.title = article.title;
  if (article?.siteName) out.siteName = article.siteName;
  // Readability's date comes from the page's JSON-LD (datePublished), which html-meta does not read.
  const published = normaliseDate(article?.publishedTime ?? undefined);
  if (published !== undefined) out.published = published;
  return out;
}

/** "Attaque à Diafarabé | Le Journal" -> "Attaque à Diafarabé" when the site is known to be "Le Journal". */
function withoutSiteName(title: string, site: string | undefined): string {
  if (site === undefined) return title;
  const esc = site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = title.replace(new RegExp(`\\s+[|\\-–—:·•]\\s+${esc}\\s*$`, 'i'), '').replace(new RegExp(`^\\s*${esc}\\s+[|\\-–—:·•]\\s+`, 'i'), '');
  return stripped.trim() === '' ? title : stripped.trim();
}

function firstText(...values: Array<string | null | undefined>): string | undefined {
  for (const v of values) {
    const s = v?.replace(/\s+/g, ' ').trim();
    if (s) return s;
  }
  return undefined;
}

/** The article of `html` as a checked Document, or the reason there is none. */
export function documentFromHtml(html: string, opts: HtmlOptions): ReadResult {
  const { id } = opts;
  try {
    // Binary data or a wrongly decoded file would otherwise "parse" into an article of garbage.
    const problem = checkText(html, Number.MAX_SAFE_INTEGER);
    if (problem === 'text is empty') throw new DocumentError(id, 'the page is empty');
    if (problem !== null) throw new DocumentError(id, `not an HTML page: ${problem.replace(/^text /, 'its content ')}`);

    const { document } = parseHTML(completeHtml(html));
    const meta = readPageMeta(document, opts.url);

    const article = articleBlocks(document, id);
    const { blocks } = article;
    if (blocks.length === 0) {
      throw new DocumentError(id, 'no article text found on the page (nothing but navigation, links or scripts)');
    }

    const site = firstText(meta.siteName, article.siteName) ?? hostOf(meta.url);
    const title = firstText(article.title, meta.ogTitle, meta.documentTitle);
    const raw: Record<string, string> = { id, text: joinBlocks(blocks) };
    if (title !== undefined) raw.title = withoutSiteName(title, site);
    const published = meta.published ?? article.published;
    if (published !== undefined) raw.published = published;
    if (meta.url !== undefined) raw.url = meta.url;
    if (site !== undefined) raw.source = site;
    const lang = declaredLang(meta.langTag, `<html lang="${meta.langTag ?? ''}">`);
    if ('problem' in lang) throw new DocumentError(id, `the page is ${lang.problem}`);
    if (lang.lang !== undefined) raw.lang = lang.lang;
    return { ok: true, doc: validateDocument(raw, id, opts) };
  } catch (err) {
    return { ok: false, error: toDocumentError(id, err) };
  }
}
