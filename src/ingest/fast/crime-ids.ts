/**
 * The set of Crime IDs already counted: exact, and small enough for a national year (4M+ IDs).
 *
 * police.uk Crime IDs are 64 lower-case hex digits (a SHA-256). Rather than the IDs themselves (~100 bytes each as
 * strings in a Set, 32 as binary), the table keeps for each ID a 32-bit fingerprint and where the ID is: its file and
 * byte offset (8 bytes, as one float): ~18 bytes an ID in all. A new ID is one probe of a 4-byte slot array that
 * holds 6 bits of the fingerprint. When a whole fingerprint matches, the two IDs are compared byte for byte, reading
 * the stored one back from its file (or from memory, for IDs that did not come straight from a file: see `add`). So
 * nothing is ever taken for a duplicate that is not one, and a real duplicate costs one small read. Any other kind
 * of ID (hand-made files, tests) goes to a plain Set<string>: an ID is in one form or the other, never both.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { CrimeIdSet } from '../formats/police-uk-core.js';

const ID_BYTES = 64;
const HEX_ID_RE = /^[0-9a-f]{64}$/;
/** Offsets within a file: up to 2^36 bytes; the file number above them. */
const OFFSET_SPAN = 2 ** 36;
/** File number of IDs kept in memory (`memory` holds their bytes). */
const IN_MEMORY = 2 ** 17 - 1;
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
/** Entries fit in a slot's 26 bits (with 6 bits of fingerprint): 67 million IDs, ~15 national years. */
const MAX_ENTRIES = 2 ** 26 - 2;

/**
 * The fingerprint of a hex ID: a 32-bit hash (MurmurHash3's mixing) of its 64 bytes read as 16 little-endian
 * 32-bit words. The same whether the bytes are in a file's buffer or a string's codes.
 */
export function idFingerprint(b: Uint8Array, s: number): number {
  let h = 0x9747b28c;
  for (let i = s; i < s + ID_BYTES; i += 4) h = mixWord(h, b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
  return finishHash(h);
}

/** One step of MurmurHash3 (32-bit): mix word `k` into `h`. */
export function mixWord(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finalisation, as an unsigned 32-bit number. */
export function finishHash(h: number): number {
  h ^= ID_BYTES;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class CrimeIdTable implements CrimeIdSet {
  /**
   * Slot → 0 (empty) or (entry + 1) × 64 + the fingerprint's low 6 bits: 4 bytes a slot keeps the table of a national
   * year (~6M slots) in 24 MB, about the size of the processor's last-level cache, and a probe reads one word.
   */
  private slots = new Uint32Array(1 << 12);
  private slotCount = 1 << 12;
  private count = 0;
  /** Full fingerprint of each entry (pages). */
  private fps: Uint32Array[] = [];
  /** Where each entry's ID is: file × OFFSET_SPAN + offset (pages). */
  private where: Float64Array[] = [];
  /** Bytes of the IDs held in memory, 64 each. */
  private memory = new Uint8Array(ID_BYTES * 64);
  private inMemory = 0;
  private readonly other = new Set<string>();
  private readonly a = Buffer.alloc(ID_BYTES);
  private readonly b = Buffer.alloc(ID_BYTES);

  /** @param pathOf the file of a file number given to `addLocated`. */
  constructor(private readonly pathOf: (file: number) => string) {}

  /** Number of IDs held. */
  get size(): number {
    return this.count + this.other.size;
  }

  /**
   * Make room for `n` IDs in all, growing the table once rather than step by step (the merge calls it with an
   * estimate from the files read so far: a national year grows to millions of IDs).
   */
  reserve(n: number): void {
    if (n * 4 > this.slotCount * 3) this.grow(Math.ceil((n * 4) / 3) + 1);
  }

  /** Add an ID given as a string (rows decoded to strings, files read by csv-parse). */
  add(id: string): boolean {
    if (!HEX_ID_RE.test(id)) {
      if (this.other.has(id)) return false;
      this.other.add(id);
      return true;
    }
    this.a.write(id, 0, 'latin1');
    const fp = idFingerprint(this.a, 0);
    const slot = this.find(fp, this.a, 0);
    if (slot < 0) return false;
    if (this.inMemory * ID_BYTES >= this.memory.length) {
      const m = new Uint8Array(this.memory.length * 2);
      m.set(this.memory);
      this.memory = m;
    }
    this.memory.set(this.a, this.inMemory * ID_BYTES);
    this.insert(slot, fp, IN_MEMORY * OFFSET_SPAN + this.inMemory++);
    return true;
  }

  /** Add the hex ID at `offset` in file number `file`, whose fingerprint is `fp`; false if it was there already. */
  addLocated(fp: number, file: number, offset: number): boolean {
    const where = file * OFFSET_SPAN + offset;
    const slot = this.find(fp, undefined, where);
    if (slot < 0) return false;
    this.insert(slot, fp, where);
    return true;
  }

  /**
   * The free slot for a new ID, or −1 if the ID is there. The candidate's bytes are `bytes`, or are read from `where`
   * only if a fingerprint matches.
   */
  private find(fp: number, bytes: Buffer | undefined, where: number): number {
    const slots = this.slots;
    const size = this.slotCount;
    const tag = fp & 63;
    for (let i = Math.floor((fp / 4294967296) * size); ; i = i + 1 === size ? 0 : i + 1) {
      const v = slots[i]!;
      if (v === 0) return i;
      if ((v & 63) !== tag) continue;
      const e = (v >>> 6) - 1;
      if (this.fps[e >>> PAGE_BITS]![e & (PAGE - 1)] !== fp) continue;
      if (bytes === undefined) {
        this.read(where, this.a);
        bytes = this.a;
      }
      this.read(this.where[e >>> PAGE_BITS]![e & (PAGE - 1)]!, this.b);
      if (bytes.equals(this.b)) return -1;
    }
  }

  private insert(slot: number, fp: number, where: number): void {
    const e = this.count++;
    if (e >= MAX_ENTRIES) throw new Error(`internal: more than ${MAX_ENTRIES} Crime IDs in one read`);
    if ((e & (PAGE - 1)) === 0) {
      this.fps.push(new Uint32Array(PAGE));
      this.where.push(new Float64Array(PAGE));
    }
    this.fps[e >>> PAGE_BITS]![e & (PAGE - 1)] = fp;
    this.where[e >>> PAGE_BITS]![e & (PAGE - 1)] = where;
    this.slots[slot] = (e + 1) * 64 + (fp & 63);
    if (this.count * 4 > this.slotCount * 3) this.grow(this.slotCount * 2);
  }

  /** Read an ID's 64 bytes into `into`. */
  private read(where: number, into: Buffer): void {
    const file = Math.floor(where / OFFSET_SPAN);
    const offset = where - file * OFFSET_SPAN;
    if (file === IN_MEMORY) {
      into.set(this.memory.subarray(offset * ID_BYTES, offset * ID_BYTES + ID_BYTES));
      return;
    }
    const fd = openSync(this.pathOf(file), 'r');
    try {
      if (readSync(fd, into, 0, ID_BYTES, offset) !== ID_BYTES) into.fill(0);
    } finally {
      closeSync(fd);
    }
  }

  private grow(size: number): void {
    const slots = new Uint32Array(size);
    for (let e = 0; e < this.count; e++) {
      const fp = this.fps[e >>> PAGE_BITS]![e & (PAGE - 1)]!;
      let i = Math.floor((fp / 4294967296) * size);
      while (slots[i] !== 0) i = i + 1 === size ? 0 : i + 1;
      slots[i] = (e + 1) * 64 + (fp & 63);
    }
    this.slots = slots;
    this.slotCount = size;
  }
}
