/**
 * Just enough PNG decoding to compare two screenshots pixel by pixel: Chromium writes 8-bit RGB or RGBA,
 * non-interlaced PNGs. Used so that rendering noise (a few anti-aliased pixels that differ between runs)
 * does not rewrite the committed screenshots on every test run.
 */
import { inflateSync } from 'node:zlib';

interface Decoded {
  width: number;
  height: number;
  /** Bytes per pixel (3 or 4). */
  bpp: number;
  rows: Uint8Array[];
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes an 8-bit RGB/RGBA, non-interlaced PNG into unfiltered rows. */
export function decodePng(png: Buffer): Decoded {
  let offset = 8;
  let width = 0;
  let height = 0;
  let bpp = 4;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs are supported');
      bpp = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
      if (bpp === 0) throw new Error(`unsupported PNG colour type ${body[9]}`);
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * bpp;
  const rows: Uint8Array[] = [];
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    const row = Uint8Array.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x += 1) {
      const a = x >= bpp ? row[x - bpp]! : 0;
      const b = previous[x]!;
      const c = x >= bpp ? previous[x - bpp]! : 0;
      const add =
        filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      row[x] = (row[x]! + add) & 255;
    }
    rows.push(row);
    previous = row;
  }
  return { width, height, bpp, rows };
}

/** How many pixels differ between two PNGs (every pixel when the sizes differ). */
export function countDifferentPixels(a: Buffer, b: Buffer): number {
  const x = decodePng(a);
  const y = decodePng(b);
  if (x.width !== y.width || x.height !== y.height || x.bpp !== y.bpp) return Math.max(x.width * x.height, 1);
  let count = 0;
  for (let row = 0; row < x.height; row += 1) {
    const r1 = x.rows[row]!;
    const r2 = y.rows[row]!;
    for (let i = 0; i < r1.length; i += x.bpp) {
      for (let k = 0; k < x.bpp; k += 1) {
        if (r1[i + k] !== r2[i + k]) {
          count += 1;
          break;
        }
      }
    }
  }
  return count;
}
