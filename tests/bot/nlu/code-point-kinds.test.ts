/** A costly character classification is remembered per BMP code unit and computed as it comes beyond it. */
import { describe, expect, it } from 'vitest';
import { codePointKinds } from '../../../bot/nlu/code-point-kinds.ts';

describe('codePointKinds', () => {
  it('classifies a BMP character once and answers from the table after', () => {
    const seen: string[] = [];
    const kind = codePointKinds((character) => {
      seen.push(character);
      return /\p{Script=Han}/u.test(character) ? 2 : 1;
    });
    const codes = [...'解約解約a'].map((c) => c.codePointAt(0)!);
    expect(codes.map(kind)).toEqual([2, 2, 2, 2, 1]);
    expect(seen).toEqual(['解', '約', 'a']);
  });

  it('classifies a character beyond the BMP whole (not by its surrogates), each time', () => {
    const seen: string[] = [];
    const kind = codePointKinds((character) => {
      seen.push(character);
      return /\p{Extended_Pictographic}/u.test(character) ? 3 : 1;
    });
    const emoji = '🙄'.codePointAt(0)!;
    expect([kind(emoji), kind(emoji)]).toEqual([3, 3]);
    expect(seen).toEqual(['🙄', '🙄']);
  });
});
