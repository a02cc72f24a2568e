// Which reader a file or response needs: by file extension, by Content-Type, and, when those say nothing,
// by its first bytes. Sniffing is what lets an extension-less download or a "feed.php" be read.

export type InputKind = 'text' | 'html' | 'jsonl' | 'feed';

const BY_EXTENSION: Record<string, InputKind> = {
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
};

export const KNOWN_EXTENSIONS = Object.keys(BY_EXTENSION);

/** `ext` with its dot, any case (".HTML"). */
export function kindFromExtension(ext: string): InputKind | undefined {
  return BY_EXTENSION[ext.toLowerCase()];
}

/** The media type of an HTTP response; undefined for types that could be anything (octet-stream...). */
export function kindFromContentType(contentType: string | null | undefined): InputKind | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (/^application\/(?:rss|atom|rdf)\+xml$/.test(type) || type === 'application/xml' || type === 'text/xml') return 'feed';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/x-jsonlines') return 'jsonl';
  if (type === 'text/plain') return 'text';
  return undefined;
}

/**
 * The kind of content from its start (a couple of KiB is plenty). Skips a BOM, white space, the XML
 * declaration, comments and doctypes before looking at the first element; a first line starting with
 * '{' is JSONL. Undefined when nothing is recognised.
 */
export function sniffKind(head: string): InputKind | undefined {
  let s = head.replace(/^\ufeff/, '').trimStart();
  if (s.startsWith('{')) return 'jsonl';
  const xmlDeclared = /^<\?xml\b/i.test(s);
  for (;;) {
    const before = s;
    s = s.replace(/^<\?[\s\S]*?\?>\s*/, '').replace(/^<!--[\s\S]*?-->\s*/, '');
    if (/^<!doctype\s+html\b/i.test(s)) return 'html';
    s = s.replace(/^<!doctype[^>]*>\s*/i, '');
    if (s === before) break;
  }
  if (/^<html[\s>]/i.test(s)) return 'html';
  if (/^<(?:rss|feed|(?:[\w-]+:)?RDF)[\s>/]/i.test(s)) return 'feed';
  // An XML document of another kind: the feed reader names its root element in a clear error.
  if (xmlDeclared) return 'feed';
  return undefined;
}
