// RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> one Document per item or entry.
// A feed that is not well-formed XML, or not a feed, is one error naming the file or URL; an item that
// cannot be read (no text, a bad date) is an error naming that item, and the other items still come through.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fragmentBlocks, inlineText, joinBlocks, looksLikeHtml } from './blocks.ts';
import { normaliseDate } from './dates.ts';
import { decodeBytes, charsetOf } from './decode.ts';
import type { ReadResult } from './documents.ts';
import { DocumentError, toDocumentError } from './errors.ts';
import { fetchBytes, type FetchOptions } from './fetch.ts';
import { declaredLang, type DeclaredLang } from './lang.ts';
import { checkText, validateDocument, type ValidateOptions } from './validate.ts';

/** Largest feed file read: feeds are parsed whole, so this bounds memory (50 MiB holds thousands of items). */
export const FEED_MAX_BYTES = 50 * 1024 * 1024;

/** Elements that may carry an item's text, best first: full content before a teaser. */
const TEXT_ELEMENTS = ['content:encoded', 'content', 'description', 'summary'] as const;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // "123" stays a string: guids and titles are text, not numbers.
  parseTagValue: false,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  // Text elements are kept raw: their HTML may be escaped, in CDATA, or (against the spec, but common)
  // plain unescaped markup, which the parser would otherwise turn into objects and lose.
  stopNodes: TEXT_ELEMENTS.map((name) => `..${name}`),
});

type XmlNode = Record<string, unknown>;

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function all(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The text of an element parsed as a string, or as {"#text", "@_attr"...} when it has attributes. */
function textOf(v: unknown): string | undefined {
  const first = all(v)[0];
  const raw = isNode(first) ? first['#text'] : first;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const s = String(raw).trim();
  return s === '' ? undefined : s;
}

function attrOf(v: unknown, name: string): string | undefined {
  const first = all(v)[0];
  const raw = isNode(first) ? first[`@_${name}`] : undefined;
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Raw element content (kept raw by stopNodes) -> its character data: CDATA unwrapped, XML references decoded. */
function characterData(raw: string): string {
  return raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/).map((part) => {
    if (part.startsWith('<![CDATA[')) return part.slice(9, -3);
    return part.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (ref, name: string) => {
      if (name[0] !== '#') return XML_ENTITIES[name.toLowerCase()] ?? ref;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ref;
    });
  }).join('');
}

/**
 * Lines feed software appends to every item (WordPress/Yoast: "The post X appeared first on Y."; its French
 * translation): not part of the report, and they name the report's title a second time.
 */
const FEED_BOILERPLATE = [
  /^The post .+ appeared first on .+\.?$/s,
  /^L[’'](?:article|post) .+ est apparu en premier sur .+\.?$/s,
];

function itemHtmlText(html: string): string {
  return joinBlocks(fragmentBlocks(html).filter((b) => !FEED_BOILERPLATE.some((re) => re.test(b.text))));
}

/** Text of a text element. Atom says whether it is text, html or xhtml; RSS does not, so it is sniffed. */
function contentText(element: unknown): string | undefined {
  const raw = textOf(element);
  if (raw === undefined || attrOf(element, 'src') !== undefined) return undefined; // Atom out-of-line content
  const type = attrOf(element, 'type')?.toLowerCase();
  // xhtml content is markup already; its references are decoded by the HTML parser.
  if (type === 'xhtml' || type === 'application/xhtml+xml') return itemHtmlText(raw) || undefined;
  const data = characterData(raw);
  const text = type === 'text' || type === 'text/plain' || !looksLikeHtml(data)
    ? data.replace(/\r\n?/g, '\n').trim()
    : itemHtmlText(data);
  return text === '' ? undefined : text;
}

/** A title or feed name: one line, entities decoded, markup dropped (Atom titles may be type="html"). */
function lineText(element: unknown): string | undefined {
  const raw = textOf(element);
  if (raw === undefined) return undefined;
  const text = inlineText(raw);
  return text === '' ? undefined : text;
}

type FeedKind = 'rss' | 'atom' | 'rdf';

interface FeedInfo {
  kind: FeedKind;
  items: unknown[];
  title?: string;
  lang: DeclaredLang;
  langTag?: string;
}

/** The feed's kind, items and channel-level metadata, or why the document is not a feed. */
function feedOf(parsed: XmlNode): FeedInfo | string {
  const rootName = Object.keys(parsed).find((k) => !k.startsWith('?') && !k.startsWith('#') && !k.startsWith('!'));
  if (rootName === undefined) return 'not an RSS or Atom feed (no root element)';
  const root = parsed[rootName];
  const node: XmlNode = isNode(root) ? root : {};
  const local = rootName.replace(/^[\w-]+:/, '').toLowerCase();
  if (local === 'rss') {
    const channel = all(node.channel)[0];
    const ch: XmlNode = isNode(channel) ? channel : {};
    const tag = textOf(ch.language) ?? textOf(ch['dc:language']);
    return { kind: 'rss', items: all(ch.item), title: lineText(ch.title), lang: declaredLang(tag, `the feed's <language>${tag ?? ''}</language>`), langTag: tag };
  }
  if (local === 'feed') {
    const tag = attrOf(node, 'xml:lang');
    return { kind: 'atom', items: all(node.entry), title: lineText(node.title), lang: declaredLang(tag, `the feed's xml:lang="${tag ?? ''}"`), langTag: tag };
  }
  if (local === 'rdf') {
    const channel = all(node.channel)[0];
    const ch: XmlNode = isNode(channel) ? channel : {};
    const tag = textOf(ch['dc:language']);
    return { kind: 'rdf', items: all(node.item), title: lineText(ch.title), lang: declaredLang(tag, `the feed's <dc:language>${tag ?? ''}</dc:language>`), langTag: tag };
  }
  return `not an RSS or Atom feed (its root element is <${rootName}>)`;
}

/** Atom: the entry's alternate link (the article), not its edit or enclosure links. */
function atomLink(links: unknown): string | undefined {
  const withHref = all(links).filter((l) => attrOf(l, 'href') !== undefined);
  const alternate = withHref.find((l) => (attrOf(l, 'rel') ?? 'alternate') === 'alternate');
  return attrOf(alternate ?? withHref[0], 'href');
}

function itemLink(item: XmlNode, kind: FeedKind): string | undefined {
  if (kind === 'atom') return atomLink(item.link);
  const link = textOf(item.link);
  if (link !== undefined) return link;
  // RSS 2.0: a guid that is a permalink (isPermaLink absent or "true") is the article's URL.
  const guid = textOf(item.guid);
  return guid !== undefined && attrOf(item.guid, 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guid) ? guid : undefined;
}

function itemId(item: XmlNode, kind: FeedKind): string | undefined {
  if (kind === 'atom') return textOf(item.id);
  if (kind === 'rdf') return attrOf(item, 'rdf:about');
  return textOf(item.guid);
}

/** `published` before `updated`: an edit date is not the report's date. dc:date is RSS 1.0's only date. */
function itemDate(item: XmlNode): string | undefined {
  for (const key of ['pubDate', 'published', 'dc:date', 'updated']) {
    const date = normaliseDate(textOf(item[key]));
    if (date !== undefined) return date;
  }
  return undefined;
}

function itemResult(entry: unknown, n: number, feed: FeedInfo, origin: string, opts: ValidateOptions): ReadResult {
  const item: XmlNode = isNode(entry) ? entry : {};
  const link = itemLink(item, feed.kind);
  // Without guid or link the item still needs a name; its position in the feed is the best there is.
  const id = itemId(item, feed.kind) ?? link ?? `${origin}#item-${n}`;
  try {
    const title = lineText(item.title);
    let text: string | undefined;
    for (const name of TEXT_ELEMENTS) {
      text = contentText(item[name]);
      if (text !== undefined) break;
    }
    if (text === undefined) {
      throw new DocumentError(id, `item ${n}${title ? ` ("${title}")` : ''} has no text (no content:encoded, content, description or summary)`);
    }
    const itemLangTag = attrOf(item, 'xml:lang');
    const lang = itemLangTag !== undefined ? declaredLang(itemLangTag, `the entry's xml:lang="${itemLangTag}"`) : feed.lang;
    if ('problem' in lang) throw new DocumentError(id, `the item is ${lang.problem}`);

    const raw: Record<string, string> = { id, text };
    if (title !== undefined) raw.title = title;
    const published = itemDate(item);
    if (published !== undefined) raw.published = published;
    if (link !== undefined) raw.url = link;
    if (feed.title !== undefined) raw.source = feed.title;
    if (lang.lang !== undefined) raw.lang = lang.lang;
    return { ok: true, doc: validateDocument(raw, id, opts) };
  } catch (err) {
    return { ok: false, error: toDocumentError(id, err) };
  }
}

/**
 * The items of a feed document, in feed order. `origin` (file or URL) names the feed in feed-level
 * errors and in the ids made up for items that have neither guid nor link.
 */
export function readFeed(xml: string, origin: string, opts: ValidateOptions): ReadResult[] {
  const fail = (reason: string): ReadResult[] => [{ ok: false, error: new DocumentError(origin, reason) }];
  const problem = checkText(xml, Number.MAX_SAFE_INTEGER);
  if (problem === 'text is empty') return fail('not a feed: the file is empty');
  if (problem !== null) return fail(`not a feed: ${problem.replace(/^text /, 'its content ')}`);
  // Stray white space before the XML declaration (a common CMS bug) makes the XML invalid, to no purpose.
  const source = xml.replace(/^\ufeff/, '').trimStart();

  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return fail(`not well-formed XML (line ${line}${col ? `, column ${col}` : ''}: ${msg})`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(source);
  } catch (err) {
    return fail(`cannot parse the XML (${err instanceof Error ? err.message : String(err)})`);
  }
  const feed = isNode(parsed) ? feedOf(parsed) : 'not an RSS or Atom feed';
  if (typeof feed === 'string') return fail(feed);

  const firstSeen = new Map<string, number>();
  return feed.items.map((entry, i) => {
    const result = itemResult(entry, i + 1, feed, origin, opts);
    if (!result.ok) return result;
    const first = firstSeen.get(result.doc.id);
    if (first !== undefined) {
      return { ok: false, error: new DocumentError(result.doc.id, `duplicate id (item ${first} of this feed has it too)`) };
    }
    firstSeen.set(result.doc.id, i + 1);
    return result;
  });
}

/**
 * Fetches a feed URL and reads its items. Failures (HTTP status, timeout, size, not a feed) come back
 * as one error naming the URL. `maxResponseBytes` caps the download; `maxBytes` stays the per-document limit.
 */
export async function fetchFeed(url: string, opts: ValidateOptions & FetchOptions): Promise<ReadResult[]> {
  try {
    const got = await fetchBytes(url, { ...opts, maxResponseBytes: opts.maxResponseBytes ?? FEED_MAX_BYTES });
    return readFeed(decodeBytes(got.bytes, charsetOf(got.contentType)), url, opts);
  } catch (err) {
    return [{ ok: false, error: toDocumentError(url, err) }];
  }
}
