/**
 * The set of Crime IDs already counted: exact, and small enough for a national year (4M+ IDs).
 *
 * police.uk Crime IDs are 64 lower-case hex digits (a SHA-256). Rather than the IDs themselves (~100 bytes each as
 * strings in a Set, 32 as binary), the table keeps for each ID a 32-bit fingerprint and where the ID is: its byte
 * offset in its file (the files come as runs of entries): ~14 bytes an ID in all. A new ID is one probe of a 4-byte
 * slot array that holds 6 bits of the fingerprint. When the whole fingerprint matches, the two IDs are compared byte for byte, reading
 * the stored one back from its file (or from memory, for IDs that did not come straight from a file: see `add`). So
 * nothing is ever taken for a duplicate that is not one, and a real duplicate costs one small read. Any other kind
 * of ID (hand-made files, tests) goes to a plain Set<string>: an ID is in one form or the other, never both.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { CrimeIdSet } from '../formats/police-uk-core.js';

const ID_BYTES = 64;
const HEX_ID_RE = /^[0-9a-f]{64}$/;
/** File number of IDs kept in memory (`memory` holds their bytes; the offset is their index there). */
const IN_MEMORY = -1;
/** Offset stored for an offset of 4 GiB or more (kept in `farOffsets`). */
const FAR = 0xffffffff;
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
/** Entries fit in a slot's 26 bits (with 6 bits of fingerprint): 67 million IDs, ~15 national years. */
const MAX_ENTRIES = 2 ** 26 - 2;

/**
 * The fingerprint of a hex ID: a 32-bit hash (MurmurHash3's mixing) of its 64 bytes read as 16 little-endian
 * 32-bit words. The same whether the bytes are in a file's buffer or a string's codes. (Cheaper mixes, FNV-1a on
 * words among them, were tried: on sequential hand-made IDs they collide hundreds of thousands of times in 2 million,
 * and each collision costs a read of the file.)
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

/**
 * What a read of several areas mixes into an ID's fingerprint, so that each area has its own set of IDs in the one
 * table: the same ID in two areas is two entries. Multiplying by an odd constant is a bijection of 32-bit numbers,
 * so for a given fingerprint no two areas give the same key: equal keys and equal bytes mean the same area. Area 0
 * (every one-area read) leaves fingerprints as they are.
 */
export function areaKey(fp: number, area: number): number {
  return (fp ^ Math.imul(area, 0x9e3779b1)) >>> 0;
}

export class CrimeIdTable implements CrimeIdSet {
  /**
   * Slot → 0 (empty) or (entry + 1) × 64 + the fingerprint's low 6 bits: 4 bytes a slot keeps the table of a national
   * year (~6M slots) in 24 MB, about the size of the processor's last-level cache, and a probe reads one word.
   */
  private slots = new Uint32Array(1 << 12);
  private slotCount = 1 << 12;
  private count = 0;
  /** Full fingerprint of each entry (pages): compared before an ID is read back, and used to place it on growth. */
  private fps: Uint32Array[] = [];
  /** Byte offset of each entry's ID in its file (pages). */
  private offsets: Uint32Array[] = [];
  /** Offsets of 4 GiB and more, by entry. */
  private readonly farOffsets = new Map<number, number>();
  /**
   * The file of each entry, as runs: entries are added file after file, so run k holds entries from runStart[k]
   * on, all from file runFile[k].
   */
  private readonly runStart: number[] = [];
  private readonly runFile: number[] = [];
  /** Bytes of the IDs held in memory, 64 each. */
  private memory = new Uint8Array(ID_BYTES * 64);
  private inMemory = 0;
  private readonly other = new Set<string>();
  /** Files open for reading IDs back, by file number. */
  private readonly open = new Map<number, number>();
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
    // Room for a fifth more than the estimate at three-quarters full (n × 1.2 / 0.75 slots): estimates early in a
    // read are rough, and each growth allocates a new table (~27 MB for a national year; ~60 ms to zero on a
    // virtual machine) and rehashes every entry, with both tables alive meanwhile.
    if (n * 4 > this.slotCount * 3) this.grow(Math.ceil(n * 1.6) + 1);
  }

  /**
   * Read the slots of fingerprints fps[from, to), doing nothing with them: the loads are independent, so the
   * processor overlaps their cache misses (the table is tens of MB, so nearly every probe misses), and adds that
   * follow soon find their slots in cache. The merge touches a few hundred IDs ahead of those it adds.
   */
  touch(fps: Uint32Array, from: number, to: number): number {
    const slots = this.slots;
    const scale = this.slotCount / 4294967296;
    let sink = 0;
    for (let k = from; k < to; k++) sink ^= slots[Math.floor(fps[k]! * scale)]!;
    return sink;
  }

  /** Add an ID of an area given as a string (rows decoded to strings, files read by csv-parse). */
  add(id: string, area: number): boolean {
    if (!HEX_ID_RE.test(id)) {
      const key = area === 0 ? id : `${area}\u0000${id}`;
      if (this.other.has(key)) return false;
      this.other.add(key);
      return true;
    }
    this.a.write(id, 0, 'latin1');
    const fp = areaKey(idFingerprint(this.a, 0), area);
    const slot = this.find(fp, this.a, 0);
    if (slot < 0) return false;
    if (this.inMemory * ID_BYTES >= this.memory.length) {
      const m = new Uint8Array(this.memory.length * 2);
      m.set(this.memory);
      this.memory = m;
    }
    this.memory.set(this.a, this.inMemory * ID_BYTES);
    this.insert(slot, fp, IN_MEMORY, this.inMemory++);
    return true;
  }

  /**
   * Add the hex ID at `offset` in file number `file`, whose fingerprint (with its area's key: `areaKey`) is `fp`;
   * false if it was there already.
   */
  addLocated(fp: number, file: number, offset: number): boolean {
    const slot = this.find(fp, undefined, file, offset);
    if (slot < 0) return false;
    this.insert(slot, fp, file, offset);
    return true;
  }

  /**
   * The free slot for a new ID, or −1 if the ID is there. The candidate's bytes are `bytes`, or are read from its
   * file only if a fingerprint matches.
   */
  private find(fp: number, bytes: Buffer | undefined, file = 0, offset = 0): number {
    const slots = this.slots;
    const size = this.slotCount;
    // The slot comes from the fingerprint's high bits, the tag from its low 6: independent.
    const tag = fp & 63;
    for (let i = Math.floor((fp / 4294967296) * size); ; i = i + 1 === size ? 0 : i + 1) {
      const v = slots[i]!;
      if (v === 0) return i;
      if ((v & 63) !== tag) continue;
      const e = (v >>> 6) - 1;
      if (this.fps[e >>> PAGE_BITS]![e & (PAGE - 1)] !== fp) continue;
      if (bytes === undefined) {
        this.read(file, offset, this.a);
        bytes = this.a;
      }
      this.readEntry(e, this.b);
      if (bytes.equals(this.b)) return -1;
    }
  }

  private insert(slot: number, fp: number, file: number, offset: number): void {
    const e = this.count++;
    if (e >= MAX_ENTRIES) throw new Error(`internal: more than ${MAX_ENTRIES} Crime IDs in one read`);
    if ((e & (PAGE - 1)) === 0) {
      this.fps.push(new Uint32Array(PAGE));
      this.offsets.push(new Uint32Array(PAGE));
    }
    this.fps[e >>> PAGE_BITS]![e & (PAGE - 1)] = fp;
    if (offset >= FAR) this.farOffsets.set(e, offset);
    this.offsets[e >>> PAGE_BITS]![e & (PAGE - 1)] = offset >= FAR ? FAR : offset;
    if (this.runFile.length === 0 || this.runFile[this.runFile.length - 1] !== file) {
      this.runStart.push(e);
      this.runFile.push(file);
    }
    this.slots[slot] = (e + 1) * 64 + (fp & 63);
    if (this.count * 4 > this.slotCount * 3) this.grow(this.slotCount * 2);
  }

  /** Read the ID of entry `e` into `into`. */
  private readEntry(e: number, into: Buffer): void {
    let lo = 0;
    let hi = this.runStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runStart[mid]! <= e) lo = mid;
      else hi = mid - 1;
    }
    const stored = this.offsets[e >>> PAGE_BITS]![e & (PAGE - 1)]!;
    this.read(this.runFile[lo]!, stored === FAR ? this.farOffsets.get(e)! : stored, into);
  }

  /** Read the 64 bytes of an ID at `offset` in `file` (or in memory) into `into`. */
  private read(file: number, offset: number, into: Buffer): void {
    if (file === IN_MEMORY) {
      into.set(this.memory.subarray(offset * ID_BYTES, offset * ID_BYTES + ID_BYTES));
      return;
    }
    // A national read compares a few thousand IDs whose fingerprints collide: keep the last files open.
    let fd = this.open.get(file);
    if (fd === undefined) {
      if (this.open.size >= 4) this.close();
      fd = openSync(this.pathOf(file), 'r');
      this.open.set(file, fd);
    }
    if (readSync(fd, into, 0, ID_BYTES, offset) !== ID_BYTES) into.fill(0);
  }

  /** Close the files kept open for reading IDs back. */
  close(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }

  private grow(size: number): void {
    const old = this.slots;
    const slots = new Uint32Array(size);
    for (let k = 0; k < old.length; k++) {
      const v = old[k]!;
      if (v === 0) continue;
      const e = (v >>> 6) - 1;
      const fp = this.fps[e >>> PAGE_BITS]![e & (PAGE - 1)]!;
      let i = Math.floor((fp / 4294967296) * size);
      while (slots[i] !== 0) i = i + 1 === size ? 0 : i + 1;
      slots[i] = v;
    }
    this.slots = slots;
    this.slotCount = size;
  }

}
