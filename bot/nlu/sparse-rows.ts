/**
 * Sparse rows as typed arrays (compressed sparse rows), their transpose, and their base64 form: how the
 * intent model keeps its training examples' vectors and the posting lists of its neighbour index.
 */

/** Sparse vector: column indices and their values, in a meaningful order (see feature-weigher.ts). */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** Rows as base64 little-endian typed arrays (how the JSON model format stores them). */
export interface EncodedRows {
  rowStart: string;
  columns: string;
  weights: string;
}

export const toBase64 = (array: Int32Array | Float32Array): string =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
/** Copies into a fresh (aligned) buffer: a Buffer decoded from base64 may start at any byte offset. */
export const fromBase64 = (text: string): ArrayBuffer => new Uint8Array(Buffer.from(text, 'base64')).buffer;

/** Sparse rows (one per training example) as compressed sparse rows. */
export interface SparseRows {
  rowStart: Int32Array;
  columns: Int32Array;
  weights: Float32Array;
}

export function rowsFromVectors(vectors: readonly SparseVector[]): SparseRows {
  const rowStart = new Int32Array(vectors.length + 1);
  const size = vectors.reduce((sum, row) => sum + row.indices.length, 0);
  const columns = new Int32Array(size);
  const weights = new Float32Array(size);
  let cursor = 0;
  vectors.forEach((row, i) => {
    rowStart[i] = cursor;
    columns.set(row.indices, cursor);
    weights.set(row.values, cursor);
    cursor += row.indices.length;
  });
  rowStart[vectors.length] = cursor;
  return { rowStart, columns, weights };
}

/** Rows → compact base64 (a JSON array of pairs is 5× larger and slower to parse). */
export function encodeRows(rows: SparseRows): EncodedRows {
  return {
    rowStart: toBase64(rows.rowStart),
    columns: toBase64(rows.columns),
    weights: toBase64(rows.weights),
  };
}

export function decodeRows(encoded: EncodedRows): SparseRows {
  return {
    rowStart: new Int32Array(fromBase64(encoded.rowStart)),
    columns: new Int32Array(fromBase64(encoded.columns)),
    weights: new Float32Array(fromBase64(encoded.weights)),
  };
}

/**
 * The transpose of sparse rows: for rows of examples over features, the examples of each feature with
 * their weights (and back: transposing postings gives rows, columns ascending). Built with a counting
 * pass, in O(non-zeros) typed-array work.
 */
export function transpose(rows: SparseRows, columnCount: number): SparseRows {
  const start = new Int32Array(columnCount + 1);
  for (let k = 0; k < rows.columns.length; k += 1) start[rows.columns[k]! + 1]! += 1;
  for (let c = 0; c < columnCount; c += 1) start[c + 1]! += start[c]!;
  const columns = new Int32Array(rows.columns.length);
  const weights = new Float32Array(rows.columns.length);
  const fill = start.slice(0, columnCount);
  for (let row = 0; row + 1 < rows.rowStart.length; row += 1) {
    for (let k = rows.rowStart[row]!; k < rows.rowStart[row + 1]!; k += 1) {
      const column = rows.columns[k]!;
      const at = fill[column]!;
      columns[at] = row;
      weights[at] = rows.weights[k]!;
      fill[column] = at + 1;
    }
  }
  return { rowStart: start, columns, weights };
}

/** True when every value is in [0, limit): a damaged index would otherwise read past an array. */
export function allBelow(values: Int32Array, limit: number): boolean {
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (value < 0 || value >= limit) return false;
  }
  return true;
}

export function isAscending(values: Int32Array): boolean {
  for (let i = 1; i < values.length; i += 1) if (values[i]! < values[i - 1]!) return false;
  return true;
}
