/**
 * kuromoji's best path (lattice, forward pass, backtrack) over typed arrays that are reused from one
 * sentence to the next. kuromoji builds a ViterbiNode object per candidate word: a 200-character message
 * has thousands, about 420 KB of garbage per message, so the young generation filled every few dozen
 * messages and a garbage collection landed in one prediction in thirty (the 200-character p99 was two and
 * a half times its p50). Here a sentence allocates only its output.
 *
 * The result is kuromoji's own, quirks included: positions count code points while a word's length counts
 * UTF-16 units (as ViterbiBuilder does), nodes ending at one position are tried in the order they were
 * added and the first of equal costs wins, unknown words are added where no dictionary word starts (or
 * where their character class is always invoked), and a sentence whose lattice has a gap gives no tokens.
 * Tested equal to kuromoji's tokenize() with its stock builder on the corpus and on hard texts.
 */
import { type DoubleArrayTrie, LONGEST_ENTRY_BYTES, prefixWordsInto } from './kuromoji-lattice.ts';

/** A character class of kuromoji's unknown-word definitions (char.def). */
interface CharacterClass {
  class_id: number;
  is_always_invoke: number;
  is_grouping: number;
}

/** The parts of a kuromoji tokenizer the search reads (kuromoji is pinned at 0.1.2). */
export interface ViterbiDictionaries {
  viterbi_builder: {
    trie: DoubleArrayTrie;
    token_info_dictionary: WordDictionary;
    unknown_dictionary: WordDictionary & { lookup(character: string): CharacterClass };
  };
  viterbi_searcher: { connection_costs: { buffer: Int16Array; backward_dimension: number } };
}

interface WordDictionary {
  /** Trie id (or character class id) → entry offsets. */
  target_map: Record<number, number[]>;
  dictionary: { getShort(offset: number): number };
}

const NO_NODE = -1;
const UNREACHED = Number.MAX_VALUE;

/**
 * The known words' entries by trie id, flattened: kuromoji keeps them in an object keyed by the trie's ids
 * (325,871 of them, so a hash lookup per word found) and reads each entry's ids and cost from its buffer
 * on every use. Built once per dictionary (about 50 ms, 5 MB).
 */
class KnownEntries {
  /** Entries of trie id t: start[t] … start[t + 1] - 1. */
  readonly start: Int32Array;
  readonly wordId: Int32Array;
  readonly leftId: Int16Array;
  readonly rightId: Int16Array;
  readonly cost: Int16Array;

  constructor(dictionary: WordDictionary) {
    const ids = Object.keys(dictionary.target_map).map(Number);
    let maxId = 0;
    let count = 0;
    for (const id of ids) {
      maxId = Math.max(maxId, id);
      count += dictionary.target_map[id]!.length;
    }
    this.start = new Int32Array(maxId + 2);
    for (const id of ids) this.start[id + 1] = dictionary.target_map[id]!.length;
    for (let t = 1; t < this.start.length; t += 1) this.start[t]! += this.start[t - 1]!;
    this.wordId = new Int32Array(count);
    this.leftId = new Int16Array(count);
    this.rightId = new Int16Array(count);
    this.cost = new Int16Array(count);
    const { dictionary: buffer } = dictionary;
    for (const id of ids) {
      let e = this.start[id]!;
      // In the object's order: kuromoji tries a position's entries in it, and the first of equal costs wins.
      for (const word of dictionary.target_map[id]!) {
        this.wordId[e] = word;
        this.leftId[e] = buffer.getShort(word);
        this.rightId[e] = buffer.getShort(word + 2);
        this.cost[e] = buffer.getShort(word + 4);
        e += 1;
      }
    }
  }

  /** The first entry of trie id `id` (its last is `end(id) - 1`). */
  first(id: number): number {
    return id + 1 < this.start.length ? this.start[id]! : 0;
  }

  end(id: number): number {
    return id + 1 < this.start.length ? this.start[id + 1]! : 0;
  }
}

/** Growable scratch arrays, one set per thread (this module's instance). */
class Scratch {
  // Per node, in the order nodes are added.
  wordId = new Int32Array(1024);
  cost = new Int32Array(1024);
  leftId = new Int32Array(1024);
  rightId = new Int32Array(1024);
  start = new Int32Array(1024);
  known = new Uint8Array(1024);
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  shortest = new Float64Array(1024);
  previous = new Int32Array(1024);
  nextAtEnd = new Int32Array(1024);
  // Per lattice position: the first and last node ending there.
  firstAtEnd = new Int32Array(256);
  lastAtEnd = new Int32Array(256);
  // Per code point of the sentence: its UTF-16 offset (one more for the end).
  offset = new Int32Array(256);
  // Words found at one position (at most one per character of the sentence).
  wordEnds = new Int32Array(256);
  wordIds = new Int32Array(256);
  // The best path, in order (at most one token per code point): entry, known or not, surface offsets.
  pathWordId = new Int32Array(256);
  pathKnown = new Uint8Array(256);
  pathFrom = new Int32Array(256);
  pathTo = new Int32Array(256);

  ensureNodes(count: number): void {
    if (count <= this.wordId.length) return;
    const size = Math.max(count, this.wordId.length * 2);
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.wordId = grow(this.wordId, (n) => new Int32Array(n));
    this.cost = grow(this.cost, (n) => new Int32Array(n));
    this.leftId = grow(this.leftId, (n) => new Int32Array(n));
    this.rightId = grow(this.rightId, (n) => new Int32Array(n));
    this.start = grow(this.start, (n) => new Int32Array(n));
    this.known = grow(this.known, (n) => new Uint8Array(n));
    this.from = grow(this.from, (n) => new Int32Array(n));
    this.to = grow(this.to, (n) => new Int32Array(n));
    this.shortest = grow(this.shortest, (n) => new Float64Array(n));
    this.previous = grow(this.previous, (n) => new Int32Array(n));
    this.nextAtEnd = grow(this.nextAtEnd, (n) => new Int32Array(n));
  }

  ensurePositions(count: number): void {
    if (count <= this.firstAtEnd.length) return;
    const size = Math.max(count, this.firstAtEnd.length * 2);
    const grow = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.firstAtEnd = grow(this.firstAtEnd);
    this.lastAtEnd = grow(this.lastAtEnd);
    this.offset = grow(this.offset);
    this.wordEnds = new Int32Array(size);
    this.wordIds = new Int32Array(size);
    this.pathWordId = new Int32Array(size);
    this.pathKnown = new Uint8Array(size);
    this.pathFrom = new Int32Array(size);
    this.pathTo = new Int32Array(size);
  }
}

/**
 * The best path of one sentence, as kuromoji's viterbi_searcher.search(viterbi_builder.build(sentence))
 * gives it, for a tokenizer's dictionaries.
 */
export class ViterbiSearch {
  private readonly scratch = new Scratch();
  /** Character class id by UTF-16 code unit (kuromoji looks a character up by its first unit). */
  private readonly classOfUnit = new Uint8Array(0x10000);
  private readonly classes: CharacterClass[] = [];
  private readonly known: KnownEntries;
  private nodes = 0;
  private ends = 0;
  /** ViterbiLattice's eos_pos: the last position a node ends at (at least 1). */
  private eosPos = 1;

  constructor(private readonly dictionaries: ViterbiDictionaries) {
    const { unknown_dictionary: unknown } = dictionaries.viterbi_builder;
    this.known = new KnownEntries(dictionaries.viterbi_builder.token_info_dictionary);
    for (let unit = 0; unit < 0x10000; unit += 1) {
      const characterClass = unknown.lookup(String.fromCharCode(unit));
      this.classOfUnit[unit] = characterClass.class_id;
      this.classes[characterClass.class_id] = characterClass;
    }
  }

  /**
   * Finds the best path of `sentence` (one of kuromoji's splitByPunctuation sentences) and answers its
   * number of tokens, read with the *At() methods until the next search: an object per token was a tenth
   * of a long message's garbage.
   */
  search(sentence: string): number {
    const s = this.scratch;
    // Code points and their UTF-16 offsets (SurrogateAwareString: a high surrogate takes the next unit).
    s.ensurePositions(sentence.length + 2);
    let length = 0;
    for (let i = 0; i < sentence.length; i += 1) {
      s.offset[length] = i;
      length += 1;
      const unit = sentence.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff) i += 1;
    }
    s.offset[length] = sentence.length;
    this.build(sentence, length);
    return this.bestPath();
  }

  /** Adds an unknown word's node, as ViterbiLattice.append does. */
  private appendUnknown(wordId: number, start: number, length: number, from: number, to: number): void {
    const { dictionary } = this.dictionaries.viterbi_builder.unknown_dictionary;
    const leftId = dictionary.getShort(wordId);
    const rightId = dictionary.getShort(wordId + 2);
    const cost = dictionary.getShort(wordId + 4);
    this.append(wordId, false, leftId, rightId, cost, start, length, from, to);
  }

  /** Adds a node, as ViterbiLattice.append does. */
  private append(
    wordId: number,
    known: boolean,
    leftId: number,
    rightId: number,
    cost: number,
    start: number,
    length: number,
    from: number,
    to: number,
  ): void {
    const s = this.scratch;
    const node = this.nodes;
    this.nodes += 1;
    s.ensureNodes(this.nodes);
    s.wordId[node] = wordId;
    s.leftId[node] = leftId;
    s.rightId[node] = rightId;
    s.cost[node] = cost;
    s.start[node] = start;
    s.known[node] = known ? 1 : 0;
    s.from[node] = from;
    s.to[node] = to;
    s.shortest[node] = UNREACHED;
    s.previous[node] = NO_NODE;
    this.addAtEnd(node, start + length - 1);
    this.eosPos = Math.max(this.eosPos, start + length - 1);
  }

  private addAtEnd(node: number, end: number): void {
    const s = this.scratch;
    if (end >= this.ends) {
      s.ensurePositions(end + 2);
      for (let p = this.ends; p <= end; p += 1) {
        s.firstAtEnd[p] = NO_NODE;
        s.lastAtEnd[p] = NO_NODE;
      }
      this.ends = end + 1;
    }
    s.nextAtEnd[node] = NO_NODE;
    const last = s.lastAtEnd[end]!;
    if (last === NO_NODE) s.firstAtEnd[end] = node;
    else s.nextAtEnd[last] = node;
    s.lastAtEnd[end] = node;
  }

  /** A BOS or EOS node: no entry, cost 0, ids 0. */
  private appendEdge(start: number, end: number, shortest: number): number {
    const s = this.scratch;
    const node = this.nodes;
    this.nodes += 1;
    s.ensureNodes(this.nodes);
    s.wordId[node] = -1;
    s.leftId[node] = 0;
    s.rightId[node] = 0;
    s.cost[node] = 0;
    s.start[node] = start;
    s.known[node] = 0;
    s.from[node] = 0;
    s.to[node] = 0;
    s.shortest[node] = shortest;
    s.previous[node] = NO_NODE;
    this.addAtEnd(node, end);
    return node;
  }

  /** ViterbiBuilder.build over `length` code points, with the bounded tail of kuromoji-lattice.ts. */
  private build(sentence: string, length: number): void {
    const s = this.scratch;
    const { trie, unknown_dictionary: unknown } = this.dictionaries.viterbi_builder;
    const { known } = this;
    this.nodes = 0;
    this.ends = 0;
    this.eosPos = 1;
    this.appendEdge(0, 0, 0);
    for (let pos = 0; pos < length; pos += 1) {
      const from = s.offset[pos]!;
      const tailEnd =
        pos + LONGEST_ENTRY_BYTES < length ? s.offset[pos + LONGEST_ENTRY_BYTES]! : sentence.length;
      const found = prefixWordsInto(trie, sentence, from, tailEnd, s.wordEnds, s.wordIds);
      for (let w = 0; w < found; w += 1) {
        const to = s.wordEnds[w]!;
        const id = s.wordIds[w]!;
        for (let e = known.first(id), end = known.end(id); e < end; e += 1) {
          const { wordId, leftId, rightId, cost } = known;
          this.append(wordId[e]!, true, leftId[e]!, rightId[e]!, cost[e]!, pos + 1, to - from, from, to);
        }
      }
      const head = this.classes[this.classOfUnit[sentence.charCodeAt(from)]!]!;
      if (found > 0 && head.is_always_invoke !== 1) continue;
      // The head character alone counts 1 (a code point); grouped with others, its UTF-16 length.
      let to = s.offset[pos + 1]!;
      let keyLength = 1;
      if (head.is_grouping === 1) {
        for (let k = pos + 1; k < length; k += 1) {
          if (this.classOfUnit[sentence.charCodeAt(s.offset[k]!)] !== head.class_id) break;
          to = s.offset[k + 1]!;
          keyLength = to - from;
        }
      }
      for (const entry of unknown.target_map[head.class_id] ?? []) {
        this.appendUnknown(entry, pos + 1, keyLength, from, to);
      }
    }
    // ViterbiLattice.appendEos: EOS ends one past the last position any node ends at.
    this.appendEdge(this.eosPos + 1, this.ends, UNREACHED);
  }

  /** Token `i` of the last search's path: its entry's word id (in the known or the unknown dictionary). */
  wordIdAt(i: number): number {
    return this.scratch.pathWordId[i]!;
  }

  /** Whether token `i` is a dictionary word (else an unknown word, by character class). */
  knownAt(i: number): boolean {
    return this.scratch.pathKnown[i] === 1;
  }

  /** Where token `i`'s surface starts in the sentence (UTF-16 offset). */
  fromAt(i: number): number {
    return this.scratch.pathFrom[i]!;
  }

  /** Where token `i`'s surface ends in the sentence (UTF-16 offset, exclusive). */
  toAt(i: number): number {
    return this.scratch.pathTo[i]!;
  }

  /** ViterbiSearcher.forward and backward; answers the path's length (written to the scratch path). */
  private bestPath(): number {
    const s = this.scratch;
    const { buffer, backward_dimension: width } = this.dictionaries.viterbi_searcher.connection_costs;
    // Kept from one node to the next, as ViterbiSearcher's function-scoped `var shortest_prev_node` is: a
    // node that no predecessor reaches gets the last node's (it is never on a best path but EOS's).
    let bestPrevious = NO_NODE;
    for (let end = 1; end < this.ends; end += 1) {
      for (let node = s.firstAtEnd[end]!; node !== NO_NODE; node = s.nextAtEnd[node]!) {
        const before = s.start[node]! - 1;
        if (before < 0 || before >= this.ends || s.firstAtEnd[before] === NO_NODE) continue;
        let best = UNREACHED;
        const left = s.leftId[node]!;
        const cost = s.cost[node]!;
        for (let previous = s.firstAtEnd[before]!; previous !== NO_NODE; previous = s.nextAtEnd[previous]!) {
          const total = s.shortest[previous]! + buffer[s.rightId[previous]! * width + left + 2]! + cost;
          if (total < best) {
            best = total;
            bestPrevious = previous;
          }
        }
        s.previous[node] = bestPrevious;
        s.shortest[node] = best;
      }
    }
    const eos = s.firstAtEnd[this.ends - 1]!;
    const last = s.previous[eos]!;
    if (last === NO_NODE) return 0;
    // Backwards from EOS to BOS (node 0): counted first, then written in order.
    let count = 0;
    for (let node = last; node !== 0; node = s.previous[node]!) {
      if (node === NO_NODE) return 0;
      count += 1;
    }
    let node = last;
    for (let i = count - 1; i >= 0; i -= 1) {
      s.pathWordId[i] = s.wordId[node]!;
      s.pathKnown[i] = s.known[node]!;
      s.pathFrom[i] = s.from[node]!;
      s.pathTo[i] = s.to[node]!;
      node = s.previous[node]!;
    }
    return count;
  }
}
