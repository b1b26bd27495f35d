/**
 * A character classification that costs a regular-expression test, remembered per BMP code unit: the NLU
 * classifies every character of every message, and a message uses a few hundred distinct ones at most.
 * Characters outside the BMP (emoji, rare kanji) are rare enough to classify as they come.
 */

/** `classify` (a kind from 1 to 255; 0 is kept for "not yet seen") remembered per code point. */
export function codePointKinds(classify: (character: string) => number): (code: number) => number {
  const kinds = new Uint8Array(0x10000);
  return (code) => {
    if (code >= 0x10000) return classify(String.fromCodePoint(code));
    let kind = kinds[code]!;
    if (kind === 0) {
      kind = classify(String.fromCharCode(code));
      kinds[code] = kind;
    }
    return kind;
  };
}
