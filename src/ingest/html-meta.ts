// What a news page says about itself: title, publication date, language, canonical URL, site name.
// Read from the untouched page, before Readability rewrites it (it removes <script> JSON-LD, <time>
// wrappers and everything outside the article).
import { normaliseDate } from './dates.ts';

export interface PageMeta {
  ogTitle?: string;
  /** The <title> element's text. */
  documentTitle?: string;
  /** YYYY-MM-DD */
  published?: string;
  /** The <html lang> value as written ("fr-FR"). */
  langTag?: string;
  /** Absolute http(s) URL: canonical link, og:url, else the URL the page came from. */
  url?: string;
  siteName?: string;
}

function clean(value: string | null | undefined): string | undefined {
  const s = value?.replace(/\s+/g, ' ').trim();
  return s === undefined || s === '' ? undefined : s;
}

/** <meta property="x"> or <meta name="x"> (sites use both for Open Graph and article:*). */
function metaContent(doc: Document, key: string): string | undefined {
  return clean(doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content'));
}

/** `href` made absolute against `base`; only http(s) URLs are kept (no javascript:, no file paths). */
export function absoluteHttpUrl(href: string | undefined, base?: string): string | undefined {
  if (href === undefined) return undefined;
  try {
    const url = base === undefined ? new URL(href) : new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first date the page states for its publication, most explicit first: Open Graph / article meta,
 * schema.org microdata, then a <time> inside the article (a <time> elsewhere may date a sidebar story).
 */
function publishedDate(doc: Document): string | undefined {
  const candidates = [
    metaContent(doc, 'article:published_time'),
    metaContent(doc, 'og:published_time'),
    metaContent(doc, 'datePublished'),
    clean(doc.querySelector('[itemprop="datePublished"]')?.getAttribute('content')),
    clean(doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime')),
    clean(doc.querySelector('article time[datetime]')?.getAttribute('datetime')),
  ];
  for (const c of candidates) {
    const date = normaliseDate(c);
    if (date !== undefined) return date;
  }
  return undefined;
}

export function readPageMeta(doc: Document, givenUrl?: string): PageMeta {
  const meta: PageMeta = {};
  const set = <K extends keyof PageMeta>(key: K, value: PageMeta[K] | undefined): void => {
    if (value !== undefined) meta[key] = value;
  };
  set('ogTitle', metaContent(doc, 'og:title'));
  set('documentTitle', clean(doc.querySelector('title')?.textContent));
  set('published', publishedDate(doc));
  set('langTag', clean(doc.documentElement.getAttribute('lang')) ?? clean(doc.documentElement.getAttribute('xml:lang')));
  const canonical = clean(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'));
  set('url', absoluteHttpUrl(canonical, givenUrl) ?? absoluteHttpUrl(metaContent(doc, 'og:url'), givenUrl) ?? absoluteHttpUrl(givenUrl));
  set('siteName', metaContent(doc, 'og:site_name'));
  return meta;
}

/** "lemonde.fr" for https://www.lemonde.fr/afrique/...: the site, when the page does not name itself. */
export function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}
