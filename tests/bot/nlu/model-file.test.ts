import { describe, expect, it } from 'vitest';
import { isModelFile, ModelFileError, openModelFile, packModelFile } from '../../../bot/nlu/model-file.ts';

const SECTIONS = {
  weights: Float32Array.of(0.5, -1.25, 3.4028234663852886e38, Number.MIN_VALUE),
  idf: Float64Array.of(Math.PI, -0, 1e-300),
  rows: Int32Array.of(0, 7, -2147483648, 2147483647),
  features: ['w:解約', 'c:<定期', '', 'b:how much', '🍜'],
  empty: [] as string[],
  one: [''],
  nothing: new Float32Array(0),
};

/** Writes a 32-bit little-endian number into a copy of the file. */
function patchUint32(file: Uint8Array, at: number, value: number): Uint8Array {
  const copy = file.slice();
  new DataView(copy.buffer).setUint32(at, value, true);
  return copy;
}

/** Header value of the damaged files: room for edits that lengthen the header, which keeps its length. */
const ROOMY_META = { room: 'x'.repeat(64) };

/** The file with its header JSON edited (same length: the room is given up, spaces pad the rest). */
function withHeader(file: Uint8Array, edit: (header: Record<string, unknown>) => void): Uint8Array {
  const length = new DataView(file.buffer, file.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(file.subarray(16, 16 + length)));
  header.meta = {};
  edit(header);
  const text = JSON.stringify(header);
  if (text.length > length) throw new Error('edited header is longer than the original');
  const copy = file.slice();
  copy.set(new TextEncoder().encode(text.padEnd(length, ' ')), 16);
  return copy;
}

describe('model file', () => {
  it('round-trips every kind of section exactly, and the header value', () => {
    const file = openModelFile(packModelFile({ locale: 'ja', n: 3 }, SECTIONS));
    expect(file.meta).toEqual({ locale: 'ja', n: 3 });
    expect([...file.float32('weights')]).toEqual([...SECTIONS.weights]);
    expect(Object.is(file.float64('idf')[1], -0)).toBe(true);
    expect([...file.float64('idf')]).toEqual([...SECTIONS.idf]);
    expect([...file.int32('rows')]).toEqual([...SECTIONS.rows]);
    expect(file.strings('features')).toEqual(SECTIONS.features);
    expect(file.strings('empty')).toEqual([]);
    expect(file.strings('one')).toEqual(['']);
    expect(file.float32('nothing')).toHaveLength(0);
  });

  it('makes views onto the bytes instead of copies when they are aligned', () => {
    const bytes = packModelFile({}, { weights: SECTIONS.weights });
    const view = openModelFile(bytes).float32('weights');
    expect(view.buffer).toBe(bytes.buffer);
  });

  it('opens a file that starts at an odd offset of a larger buffer', () => {
    const bytes = packModelFile({}, SECTIONS);
    const odd = new Uint8Array(bytes.byteLength + 5).subarray(5);
    odd.set(bytes);
    expect([...openModelFile(odd).int32('rows')]).toEqual([...SECTIONS.rows]);
  });

  it('tells a model file from JSON by its first bytes', () => {
    expect(isModelFile(packModelFile({}, {}))).toBe(true);
    expect(isModelFile(new TextEncoder().encode('{"format":"shop-bot-intent-engine"}'))).toBe(false);
    expect(isModelFile(new Uint8Array(0))).toBe(false);
  });

  it('refuses a string containing NUL, the separator', () => {
    expect(() => packModelFile({}, { bad: ['a\u0000b'] })).toThrowError(ModelFileError);
  });

  it.each([
    ['wrong magic bytes', (f: Uint8Array) => f.slice().fill(0, 0, 8), /wrong magic/],
    ['a header longer than the file', (f: Uint8Array) => patchUint32(f, 8, f.byteLength), /past the end/],
    ['a header that is not JSON', (f: Uint8Array) => patchUint32(f, 8, 3), /unreadable header/],
    ['a truncated file', (f: Uint8Array) => f.slice(0, f.byteLength - 8), /outside the file/],
    [
      'a section pointing past the end',
      (f: Uint8Array) =>
        withHeader(f, (h) => {
          (h.sections as Record<string, { offset: number }>).rows!.offset = 1 << 30;
        }),
      /outside the file/,
    ],
    [
      'a length that does not match the count',
      (f: Uint8Array) =>
        withHeader(f, (h) => {
          (h.sections as Record<string, { count: number }>).rows!.count = 3;
        }),
      /wrong length/,
    ],
    [
      'a wrong number of strings',
      (f: Uint8Array) =>
        withHeader(f, (h) => {
          (h.sections as Record<string, { count: number }>).features!.count = 2;
        }),
      /wrong number of strings/,
    ],
  ])('rejects %s with BOT_ERR_MODEL_FORMAT', (_name, damage, message) => {
    const damaged = damage(packModelFile(ROOMY_META, SECTIONS));
    const read = () => {
      const file = openModelFile(damaged);
      file.int32('rows');
      file.strings('features');
      file.float32('weights');
    };
    expect(read).toThrowError(ModelFileError);
    expect(read).toThrowError(message);
  });

  it('names a missing section and a section of another kind', () => {
    const file = openModelFile(packModelFile({}, SECTIONS));
    expect(() => file.float32('absent')).toThrowError(/section absent is missing/);
    expect(() => file.float32('rows')).toThrowError(/rows is i32, expected f32/);
    expect(() => file.strings('__proto__')).toThrowError(/missing/);
  });

  it('rejects strings that are not valid UTF-8', () => {
    const bytes = packModelFile({}, { words: ['ab'] });
    const length = new DataView(bytes.buffer).getUint32(8, true);
    const dataStart = Math.ceil((16 + length) / 8) * 8;
    const damaged = bytes.slice();
    damaged[dataStart] = 0xff;
    expect(() => openModelFile(damaged).strings('words')).toThrowError(/not valid UTF-8/);
  });
});
