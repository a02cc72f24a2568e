// A trie keyed by folded tokens: finds the longest phrase starting at a token in time proportional to
// the phrase, whatever the dictionary's size. Every phrase list of the module (aliases, nouns, modifiers,
// links) is one of these, built once.
import { continues, isAcronymToken, tokenize, type Token } from './tokens.ts';

interface Node<T> {
  next: Map<string, Node<T>>;
  terms: Term<T>[];
}

interface Term<T> {
  value: T;
  /** Per token: the cased form it must equal, or null when case does not matter. */
  cased: (string | null)[];
}

export interface TrieMatch<T> {
  value: T;
  /** Index of the token after the match. */
  end: number;
}

export class TokenTrie<T> {
  private readonly root: Node<T> = { next: new Map(), terms: [] };

  /**
   * Adds a phrase. `caseSensitive` forces every token to match with its case; otherwise only acronym
   * tokens do. Returns false (and adds nothing) when the phrase has no word in it.
   */
  add(phrase: string, value: T, caseSensitive = false): boolean {
    const toks = tokenize(phrase);
    if (toks.length === 0) return false;
    let node = this.root;
    for (const t of toks) {
      let child = node.next.get(t.folded);
      if (!child) {
        child = { next: new Map(), terms: [] };
        node.next.set(t.folded, child);
      }
      node = child;
    }
    const cased = toks.map((t) => (caseSensitive || isAcronymToken(t.cased) ? t.cased : null));
    node.terms.push({ value, cased });
    return true;
  }

  /** Longest phrase starting at token `i` (never across punctuation), or null. Among equal phrases the first added wins. */
  longest(tokens: readonly Token[], i: number): TrieMatch<T> | null {
    let node: Node<T> | undefined = this.root;
    let best: TrieMatch<T> | null = null;
    for (let j = i; j < tokens.length; j++) {
      if (j > i && !continues(tokens, j)) break;
      node = node.next.get((tokens[j] as Token).folded);
      if (!node) break;
      for (const term of node.terms) {
        if (casesAgree(term.cased, tokens, i)) {
          best = { value: term.value, end: j + 1 };
          break;
        }
      }
    }
    return best;
  }

  /** Every phrase starting at token `i` (shortest first), for callers that weigh alternatives. */
  all(tokens: readonly Token[], i: number): TrieMatch<T>[] {
    const out: TrieMatch<T>[] = [];
    let node: Node<T> | undefined = this.root;
    for (let j = i; j < tokens.length; j++) {
      if (j > i && !continues(tokens, j)) break;
      node = node.next.get((tokens[j] as Token).folded);
      if (!node) break;
      for (const term of node.terms) {
        if (casesAgree(term.cased, tokens, i)) out.push({ value: term.value, end: j + 1 });
      }
    }
    return out;
  }
}

function casesAgree(cased: readonly (string | null)[], tokens: readonly Token[], i: number): boolean {
  for (let k = 0; k < cased.length; k++) {
    const want = cased[k];
    if (want !== null && want !== undefined && (tokens[i + k] as Token).cased !== want) return false;
  }
  return true;
}
