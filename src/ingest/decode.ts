// Bytes of a page or feed -> string, in the encoding it declares. Many French and West African news sites
// still serve ISO-8859-1 or windows-1252; read as UTF-8, each accented letter would become U+FFFD and the
// binary check would (rightly) refuse the text.

/** The charset parameter of a Content-Type header ("text/html; charset=ISO-8859-1"). */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1];
}

/** The encoding the document itself declares in its first bytes: <?xml encoding>, <meta charset>. */
function declaredInContent(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]
    ?? /<meta[^>]+charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head)?.[1];
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // an unknown label: fall back to UTF-8 rather than refuse the document
  }
}

/**
 * Decodes with, in order: a byte-order mark, the transport's charset (HTTP Content-Type), the document's
 * own declaration, else UTF-8. Decoding never fails: bytes that are not text become U+FFFD, which the
 * document checks then report as binary or wrongly encoded.
 */
export function decodeBytes(bytes: Uint8Array, transportCharset?: string): string {
  let label: string | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  const decoder = decoderFor(label) ?? decoderFor(transportCharset) ?? decoderFor(declaredInContent(bytes)) ?? new TextDecoder('utf-8');
  return decoder.decode(bytes);
}
