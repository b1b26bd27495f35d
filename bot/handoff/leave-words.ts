/**
 * What a shopper types to leave the handoff dialogue without pressing the Cancel button (a client without
 * buttons, or a shopper who simply writes 「やめる」). Whole messages only: 「やめる理由を送ります」 is a
 * summary, not a way out.
 */

/**
 * The leave words after `foldForMatch`, both languages at once (a Japanese shopper may type "cancel").
 * Ambiguous replies such as 「大丈夫です」 are left out: in the summary step they may be the summary.
 */
const LEAVE_WORDS: ReadonlySet<string> = new Set([
  'やめる',
  'やめます',
  'やめて',
  'やめたい',
  'やめておく',
  'やめておきます',
  'キャンセル',
  'キャンセルする',
  'キャンセルします',
  '中止',
  '中止する',
  '中止します',
  '取り消し',
  '取り消す',
  'やっぱりいい',
  'やっぱりいいです',
  'やっぱりやめる',
  'やっぱりやめます',
  'もういい',
  'もういいです',
  '結構です',
  '不要です',
  'cancel',
  'stop',
  'quit',
  'never mind',
  'nevermind',
  'forget it',
  'no thanks',
]);

/** Punctuation and brackets a shopper may put around a word (「やめる」。, cancel!). */
const AROUND = /^[\s「」『』"'。、．，.,!！?？…・〜~]+|[\s「」『』"'。、．，.,!！?？…・〜~]+$/gu;

/** NFKC (half-width ｷｬﾝｾﾙ, full-width ｃａｎｃｅｌ), lower case, single spaces, no punctuation around. */
function foldForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').replace(AROUND, '');
}

/** True when the whole message asks to leave the dialogue; `labels` are the Cancel button's labels. */
export function isLeaveWord(text: string, labels: readonly string[] = []): boolean {
  const folded = foldForMatch(text);
  return LEAVE_WORDS.has(folded) || labels.some((label) => foldForMatch(label) === folded);
}
