// A document that cannot be read. It names the document (its id, or "line N" when no id could be read)
// so the user can find it in a large batch; the batch goes on without it.

export class DocumentError extends Error {
  /** The document's id, or "line N" of the input when the id is missing or unreadable. */
  readonly docRef: string;
  /** What is wrong, in words a user can act on. */
  readonly reason: string;

  constructor(docRef: string, reason: string) {
    super(`${docRef}: ${reason}`);
    this.name = 'DocumentError';
    this.docRef = docRef;
    this.reason = reason;
  }
}

/**
 * Turns anything thrown while handling one document into a DocumentError. A DocumentError keeps the
 * document it names (it may know the id where the caller only knows the line); others get `docRef`.
 */
export function toDocumentError(docRef: string, err: unknown): DocumentError {
  if (err instanceof DocumentError) return err;
  if (err instanceof Error) return new DocumentError(docRef, err.message);
  return new DocumentError(docRef, String(err));
}
