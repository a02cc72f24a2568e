// Exit statuses, documented in `faultline --help` and the README.
export const EXIT = {
  /** Every document was read (a document may still have no event). */
  OK: 0,
  /** Some documents were rejected and reported on stderr; the others were processed. */
  SOME_REJECTED: 1,
  /** Usage error (bad option or value) or an input file that cannot be read: nothing was processed. */
  USAGE: 2,
  /** Faultline itself failed (could not start the extractor, could not write the output, or a bug). */
  FAILED: 3,
} as const;

/** An error in how Faultline was called: reported without a stack, exit status 2. */
export class UsageError extends Error {}
