// Text of an HTML tree as the extractor needs it: one paragraph per block element (paragraph, heading,
// list item, ...), paragraphs joined by a blank line. `textContent` would glue "...four civilians.</p><p>The
// army..." into "civilians.The army" and run headings into sentences, which breaks sentence splitting and
// evidence spans; it would also keep the text of <script> and <style>.
import { parseHTML } from 'linkedom';

/** One paragraph of text and how much of it sits inside links (to spot menus and "related" lists). */
export interface TextBlock {
  text: string;
  /** Non-space characters of the block. */
  chars: number;
  /** Non-space characters inside <a> elements. */
  linkChars: number;
}

/** Elements that end the paragraph before them and start a new one. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Elements whose content is never article text (code, styling, media, form widgets, head elements). */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'select', 'option', 'button', 'input', 'textarea', 'head', 'title', 'meta', 'link', 'base',
]);

// DOM node types (Node.ELEMENT_NODE... are not globals in Node.js).
const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const DOCUMENT = 9;
const FRAGMENT = 11;

/** A block whose text is mostly links: a menu item, a "related articles" entry, "Read more". */
export const LINK_HEAVY_SHARE = 0.7;

export function isLinkHeavy(block: TextBlock): boolean {
  return block.chars > 0 && block.linkChars / block.chars >= LINK_HEAVY_SHARE;
}

/**
 * A node's children by firstChild/nextSibling: linkedom computes `childNodes` by scanning the node's whole
 * subtree, which makes a walk over a deeply nested page quadratic.
 */
function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) out.push(child);
  return out;
}

function countChars(s: string): number {
  return s.replace(/\s+/g, '').length;
}

/**
 * The paragraphs under `root`, in document order, leaving out the elements named in `alsoSkip` too.
 * Walks with an explicit stack rather than recursion: a malformed page with thousands of unclosed inline
 * tags nests that deep.
 */
export function textBlocks(root: Node, alsoSkip?: ReadonlySet<string>): TextBlock[] {
  const blocks: TextBlock[] = [];
  let parts: string[] = [];
  let chars = 0;
  let linkChars = 0;
  let linkDepth = 0;

  const flush = (): void => {
    // <br> became '\n': keep those line breaks, collapse every other run of white space.
    const text = parts.join('').split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '').join('\n');
    if (text !== '') blocks.push({ text, chars, linkChars });
    parts = [];
    chars = 0;
    linkChars = 0;
  };
  const addText = (raw: string): void => {
    const n = countChars(raw);
    if (n === 0) {
      if (raw !== '') parts.push(' ');
      return;
    }
    parts.push(raw.replace(/\s+/g, ' '));
    chars += n;
    if (linkDepth > 0) linkChars += n;
  };

  const stack: Array<{ node: Node; leaving: boolean }> = [{ node: root, leaving: false }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, leaving } = item;
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      addText(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== ELEMENT && node.nodeType !== DOCUMENT && node.nodeType !== FRAGMENT) continue; // comments, doctypes
    const tag = node.nodeType === ELEMENT ? (node as Element).localName.toLowerCase() : '';
    if (leaving) {
      if (tag === 'a') linkDepth--;
      if (BLOCK_TAGS.has(tag)) flush();
      continue;
    }
    if (SKIP_TAGS.has(tag) || alsoSkip?.has(tag)) continue;
    if (node.nodeType === ELEMENT && (node as Element).hasAttribute('hidden')) continue;
    if (tag === 'br') {
      parts.push('\n');
      continue;
    }
    if (tag === 'pre') {
      // Preformatted text keeps its own line breaks; only trailing spaces and blank edges go.
      flush();
      const text = (node.textContent ?? '').split('\n').map((l) => l.trimEnd()).join('\n').replace(/^\n+|\n+$/g, '');
      if (text.trim() !== '') blocks.push({ text, chars: countChars(text), linkChars: 0 });
      continue;
    }
    if (BLOCK_TAGS.has(tag)) flush();
    if (tag === 'a') linkDepth++;
    stack.push({ node, leaving: true });
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push({ node: child, leaving: false });
    }
  }
  flush();
  return blocks;
}

/** Paragraphs joined by blank lines: the form of every document text Faultline builds from HTML. */
export function joinBlocks(blocks: TextBlock[]): string {
  return blocks.map((b) => b.text).join('\n\n');
}

/**
 * linkedom builds no <body> for input that lacks one (it is not an HTML5 tree builder), and then loses or
 * misplaces content; Readability needs both elements. Supplies the missing ones.
 */
export function completeHtml(html: string): string {
  if (/<body[\s>]/i.test(html)) return /<html[\s>]/i.test(html) ? html : `<html>${html}</html>`;
  const open = /<html(?:\s[^>]*)?>/i.exec(html);
  if (!open) return `<html><head></head><body>${html}</body></html>`;
  const headEnd = /<\/head\s*>/i.exec(html);
  const start = headEnd ? headEnd.index + headEnd[0].length : open.index + open[0].length;
  const close = /<\/html\s*>/i.exec(html.slice(start));
  const end = close ? start + close.index : html.length;
  return `${html.slice(0, start)}<body>${html.slice(start, end)}</body>${html.slice(end)}`;
}

/** True when a string carries markup or character references, so it must go through an HTML parser. */
export function looksLikeHtml(s: string): boolean {
  return /<[a-z!/][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(s);
}

/**
 * Paragraphs of an HTML fragment (a feed item's content): markup parsed, entities decoded. Link-heavy blocks
 * ("Read more", related-story lists) are dropped: their headlines would read as events of this report.
 */
export function fragmentBlocks(fragment: string): TextBlock[] {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${fragment}</body></html>`);
  return textBlocks(document.body).filter((b) => !isLinkHeavy(b));
}

export function fragmentText(fragment: string): string {
  return joinBlocks(fragmentBlocks(fragment));
}

/** Plain text from a string that may or may not be HTML; for one-line values such as titles. */
export function inlineText(s: string): string {
  const text = looksLikeHtml(s) ? joinBlocks(textBlocks(parseHTML(`<html><head></head><body>${s}</body></html>`).document.body)) : s;
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether the tree under `root` nests deeper than `limit` elements (stops looking as soon as it does). */
export function nestsDeeperThan(root: Node, limit: number): boolean {
  const stack: Array<{ node: Node; depth: number }> = [{ node: root, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.depth > limit) return true;
    for (let child = item.node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === ELEMENT) stack.push({ node: child, depth: item.depth + 1 });
    }
  }
  return false;
}
