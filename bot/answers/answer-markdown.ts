/**
 * The Markdown dialect of answers, shared by the widget's one markdown path
 * (widget/markdown/render-markdown.ts: `marked` → DOMPurify → DOM) and the corpus linter, so the linter
 * sees an answer exactly as a shopper's widget renders it.
 */
import { Marked, type Token, type TokensList } from 'marked';

/**
 * `marked` options that decide how an answer is read (the widget adds its HTML-escaping renderer):
 * GitHub-flavoured Markdown (autolinks, tables), a single line break is a `<br>`.
 */
export const ANSWER_MARKDOWN_OPTIONS = { gfm: true, breaks: true } as const;

/** Made on first use: the widget bundles this module for its options only. */
let lexer: Marked | undefined;

/** An answer's block tokens as the widget's `marked` reads them. */
export function lexAnswer(markdown: string): TokensList {
  lexer ??= new Marked({ ...ANSWER_MARKDOWN_OPTIONS, async: false });
  return lexer.lexer(markdown);
}

/** Every token of a token tree, depth first (list items and table cells included). */
export function* walkTokens(tokens: readonly Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    if (token.type === 'list') yield* walkTokens(token.items as Token[]);
    if (token.type === 'table') {
      for (const cell of token.header as { tokens: Token[] }[]) yield* walkTokens(cell.tokens);
      for (const row of token.rows as { tokens: Token[] }[][]) {
        for (const cell of row) yield* walkTokens(cell.tokens);
      }
    }
    if ('tokens' in token && Array.isArray(token.tokens)) yield* walkTokens(token.tokens);
  }
}
