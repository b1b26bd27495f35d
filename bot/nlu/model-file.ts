/**
 * The binary container of a trained engine: a small JSON header and named typed sections (float32,
 * float64 and int32 arrays, string lists), each aligned to 8 bytes so that loading makes views onto the
 * bytes instead of copying or parsing them. A 15 MiB JSON model took ~180 ms to read, parse and rebuild;
 * this takes a few milliseconds plus the lookup maps (bench/load/model-load-probe.ts measures it).
 *
 * Layout, little-endian: `SBNLUBIN` (8 bytes), header length in bytes (uint32), reserved (uint32),
 * header (UTF-8 JSON), zero padding to a multiple of 8, then the sections at the offsets the header
 * names (relative to the end of the padded header). A string list is its UTF-8 strings joined by NUL.
 */
import { BotError } from '../errors.ts';

/** First bytes of every model file. */
export const MODEL_FILE_MAGIC = 'SBNLUBIN';
const PREFIX_BYTES = 16;
const ALIGN = 8;

/** What a section may hold. */
export type SectionValue = Float32Array | Float64Array | Int32Array | readonly string[];

type SectionKind = 'f32' | 'f64' | 'i32' | 'str';

interface SectionEntry {
  kind: SectionKind;
  /** Byte offset from the start of the data area. */
  offset: number;
  byteLength: number;
  /** Elements (numbers or strings). */
  count: number;
}

interface FileHeader {
  sections: Record<string, SectionEntry>;
  meta: unknown;
}

/** A file that is not a model file or is damaged; the message names what is wrong. */
export class ModelFileError extends BotError {
  constructor(message: string) {
    super('BOT_ERR_MODEL_FORMAT', message);
  }
}

const SEPARATOR = '\u0000';
const padTo = (n: number) => Math.ceil(n / ALIGN) * ALIGN;
const encoder = new TextEncoder();
// fatal: a damaged file fails here instead of loading features with replacement characters.
const decoder = new TextDecoder('utf-8', { fatal: true });

function kindOf(value: SectionValue): SectionKind {
  if (value instanceof Float32Array) return 'f32';
  if (value instanceof Float64Array) return 'f64';
  if (value instanceof Int32Array) return 'i32';
  return 'str';
}

function sectionBytes(name: string, value: SectionValue): Uint8Array {
  if (!ArrayBuffer.isView(value)) {
    const strings = value as readonly string[];
    for (const s of strings)
      if (s.includes(SEPARATOR))
        throw new ModelFileError(`section ${name} has a string with a NUL character`);
    return encoder.encode(strings.join(SEPARATOR));
  }
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** True when the bytes start like a model file (as opposed to, say, a JSON model of the old format). */
export function isModelFile(bytes: Uint8Array): boolean {
  if (bytes.byteLength < PREFIX_BYTES) return false;
  for (let i = 0; i < MODEL_FILE_MAGIC.length; i += 1)
    if (bytes[i] !== MODEL_FILE_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Packs a header value and named sections into one model file. */
export function packModelFile(meta: unknown, sections: Record<string, SectionValue>): Uint8Array {
  const parts: { name: string; kind: SectionKind; bytes: Uint8Array; count: number }[] = [];
  for (const [name, value] of Object.entries(sections)) {
    parts.push({ name, kind: kindOf(value), bytes: sectionBytes(name, value), count: value.length });
  }
  const entries: Record<string, SectionEntry> = {};
  let offset = 0;
  for (const part of parts) {
    entries[part.name] = { kind: part.kind, offset, byteLength: part.bytes.byteLength, count: part.count };
    offset = padTo(offset + part.bytes.byteLength);
  }
  const header = encoder.encode(JSON.stringify({ sections: entries, meta } satisfies FileHeader));
  const dataStart = padTo(PREFIX_BYTES + header.byteLength);
  const file = new Uint8Array(dataStart + offset);
  file.set(encoder.encode(MODEL_FILE_MAGIC), 0);
  const view = new DataView(file.buffer);
  view.setUint32(8, header.byteLength, true);
  file.set(header, PREFIX_BYTES);
  for (const part of parts) file.set(part.bytes, dataStart + entries[part.name]!.offset);
  return file;
}

/** An opened model file: its header value and typed views onto its sections. */
export interface ModelFile {
  meta: unknown;
  /** True when the file has a section of this name (files written by older versions lack newer ones). */
  has(name: string): boolean;
  float32(name: string): Float32Array;
  float64(name: string): Float64Array;
  int32(name: string): Int32Array;
  strings(name: string): string[];
}

/**
 * Opens a model file. Numeric sections are views onto `bytes` (no copy) when it is 8-byte aligned; the
 * caller must not change the bytes afterwards. Throws ModelFileError on anything malformed.
 */
export function openModelFile(input: Uint8Array): ModelFile {
  if (!isModelFile(input)) throw new ModelFileError('not a model file (wrong magic bytes)');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
    throw new ModelFileError('model files are little-endian; this machine is not');
  // Typed views need aligned starts; a Buffer cut from Node's shared pool may not be.
  const bytes = input.byteOffset % ALIGN === 0 ? input : input.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (PREFIX_BYTES + headerLength > bytes.byteLength) throw new ModelFileError('header runs past the end');
  let header: FileHeader;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)));
  } catch (error) {
    throw new ModelFileError(`unreadable header (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof header?.sections !== 'object' || header.sections === null)
    throw new ModelFileError('header lists no sections');
  const dataStart = padTo(PREFIX_BYTES + headerLength);

  const entry = (name: string, kind: SectionKind): SectionEntry => {
    const found = Object.hasOwn(header.sections, name) ? header.sections[name] : undefined;
    if (!found) throw new ModelFileError(`section ${name} is missing`);
    if (found.kind !== kind) throw new ModelFileError(`section ${name} is ${found.kind}, expected ${kind}`);
    const { offset, byteLength, count } = found;
    const valid = [offset, byteLength, count].every((n) => Number.isSafeInteger(n) && n >= 0);
    if (!valid || offset % ALIGN !== 0 || dataStart + offset + byteLength > bytes.byteLength)
      throw new ModelFileError(`section ${name} lies outside the file`);
    return found;
  };
  const numeric = <T>(
    name: string,
    kind: SectionKind,
    width: number,
    make: (buffer: ArrayBufferLike, byteOffset: number, length: number) => T,
  ): T => {
    const { offset, byteLength, count } = entry(name, kind);
    if (byteLength !== count * width) throw new ModelFileError(`section ${name} has a wrong length`);
    return make(bytes.buffer, bytes.byteOffset + dataStart + offset, count);
  };

  return {
    meta: header.meta,
    has: (name) => Object.hasOwn(header.sections, name),
    float32: (name) => numeric(name, 'f32', 4, (b, o, n) => new Float32Array(b, o, n)),
    float64: (name) => numeric(name, 'f64', 8, (b, o, n) => new Float64Array(b, o, n)),
    int32: (name) => numeric(name, 'i32', 4, (b, o, n) => new Int32Array(b, o, n)),
    strings: (name) => {
      const { offset, byteLength, count } = entry(name, 'str');
      if (count === 0) return [];
      const start = dataStart + offset;
      let text: string;
      try {
        text = decoder.decode(bytes.subarray(start, start + byteLength));
      } catch {
        throw new ModelFileError(`section ${name} is not valid UTF-8`);
      }
      const list = text.split(SEPARATOR);
      if (list.length !== count) throw new ModelFileError(`section ${name} has a wrong number of strings`);
      return list;
    },
  };
}
