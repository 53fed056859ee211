/**
 * The set of Crime IDs already counted, exact and compact.
 *
 * police.uk Crime IDs are 64 lower-case hex digits (a SHA-256): they are kept as 8 × 32-bit words (32 bytes, against
 * ~100 bytes for a string in a Set) plus their hash, in pages, with an open-addressing table of entry numbers. Any
 * other ID (hand-made files, tests) goes to a plain Set<string>; the two can never hold the same ID, since an ID is in
 * one form or the other. Comparison is on all 256 bits, so nothing is taken for a duplicate that is not one. The
 * scanners compute the hash (in parallel); the merge only probes.
 */
import type { CrimeIdSet } from '../formats/police-uk-core.js';

const WORDS = 8;
const PAGE_BITS = 15;
const PAGE_ENTRIES = 1 << PAGE_BITS;
const HEX_ID_RE = /^[0-9a-f]{64}$/;

/** A 32-bit hash of the 8 words at w[off…] (IDs are hashes already, but hand-made ones such as 000…001 must spread too). */
export function idHash(w: Uint32Array, off: number): number {
  let h = 0x9e3779b9;
  for (let k = 0; k < WORDS; k++) {
    h = Math.imul(h ^ w[off + k]!, 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class CrimeIdTable implements CrimeIdSet {
  /** Slot → entry + 1 (0 = empty). */
  private slots = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  /** Entries: 8 words each, in pages. */
  private pages: Uint32Array[] = [];
  /** Hash of each entry (to grow the table without rehashing). */
  private hashes = new Uint32Array(1 << 12);
  private count = 0;
  private readonly other = new Set<string>();
  private readonly scratch = new Uint32Array(WORDS);

  /** Number of IDs held. */
  get size(): number {
    return this.count + this.other.size;
  }

  add(id: string): boolean {
    if (!HEX_ID_RE.test(id)) {
      if (this.other.has(id)) return false;
      this.other.add(id);
      return true;
    }
    for (let k = 0; k < WORDS; k++) this.scratch[k] = parseInt(id.slice(k * 8, k * 8 + 8), 16) >>> 0;
    return this.addWords(this.scratch, 0, idHash(this.scratch, 0));
  }

  /** Add the hex ID held as 8 words at src[off…], whose idHash is `h`; false if it was there already. */
  addWords(src: Uint32Array, off: number, h: number): boolean {
    const mask = this.mask;
    const slots = this.slots;
    const w0 = src[off]!;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v === 0) break;
      const e = v - 1;
      const page = this.pages[e >>> PAGE_BITS]!;
      const at = (e & (PAGE_ENTRIES - 1)) * WORDS;
      if (
        page[at] === w0 && page[at + 1] === src[off + 1] && page[at + 2] === src[off + 2] && page[at + 3] === src[off + 3] &&
        page[at + 4] === src[off + 4] && page[at + 5] === src[off + 5] && page[at + 6] === src[off + 6] && page[at + 7] === src[off + 7]
      ) {
        return false;
      }
    }
    // Absent: store it.
    const e = this.count;
    if ((e & (PAGE_ENTRIES - 1)) === 0) this.pages.push(new Uint32Array(PAGE_ENTRIES * WORDS));
    const page = this.pages[e >>> PAGE_BITS]!;
    const at = (e & (PAGE_ENTRIES - 1)) * WORDS;
    for (let k = 0; k < WORDS; k++) page[at + k] = src[off + k]!;
    if (e >= this.hashes.length) {
      const hs = new Uint32Array(this.hashes.length * 2);
      hs.set(this.hashes);
      this.hashes = hs;
    }
    this.hashes[e] = h;
    this.count = e + 1;
    if (this.count * 2 > slots.length) this.grow();
    else {
      let i = h & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    return true;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    const hashes = this.hashes;
    for (let e = 0; e < this.count; e++) {
      let i = hashes[e]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
