/**
 * The set of Crime IDs already counted: exact, and small enough for a national year (4M+ IDs).
 *
 * police.uk Crime IDs are 64 lower-case hex digits (a SHA-256). Rather than the IDs themselves (~100 bytes each as
 * strings in a Set, 32 as binary), the table keeps for each ID a 32-bit fingerprint and where the ID is: its file and
 * byte offset (8 bytes, as one float). A new ID is one probe of the slot array, which holds the fingerprints inline.
 * When a fingerprint matches, the two IDs are compared byte for byte, reading the stored one back from its file
 * (or from memory, for IDs that did not come straight from a file: see `add`). So nothing is ever taken for a
 * duplicate that is not one, and a real duplicate costs one small read. Any other kind of ID (hand-made files, tests)
 * goes to a plain Set<string>: an ID is in one form or the other, never both.
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

/** FNV-1a of the 64 bytes at b[s…]: the fingerprint of a hex ID (the same from a file's bytes or a string's codes). */
export function idFingerprint(b: Uint8Array, s: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < s + ID_BYTES; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

export class CrimeIdTable implements CrimeIdSet {
  /** Slot k: [entry + 1 (0 = empty), fingerprint] at 2k, 2k + 1. */
  private slots = new Int32Array(2 << 12);
  private mask = (1 << 12) - 1;
  private count = 0;
  /** Where each entry's ID is: file × OFFSET_SPAN + offset, in pages. */
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

  /** Add an ID given as a string (rows decoded to strings, files read by csv-parse). */
  add(id: string): boolean {
    if (!HEX_ID_RE.test(id)) {
      if (this.other.has(id)) return false;
      this.other.add(id);
      return true;
    }
    this.a.write(id, 0, 'latin1');
    const fp = idFingerprint(this.a, 0);
    const slot = this.find(fp, this.a);
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
    const slot = this.find(fp, undefined, file, offset);
    if (slot < 0) return false;
    this.insert(slot, fp, file * OFFSET_SPAN + offset);
    return true;
  }

  /**
   * The free slot for a new ID, or −1 if the ID is there. The candidate's bytes are `bytes`, or are read from its
   * file only if a fingerprint matches.
   */
  private find(fp: number, bytes: Buffer | undefined, file = 0, offset = 0): number {
    const slots = this.slots;
    const mask = this.mask;
    const f = fp | 0;
    for (let i = fp & mask; ; i = (i + 1) & mask) {
      const v = slots[2 * i]!;
      if (v === 0) return i;
      if (slots[2 * i + 1] !== f) continue;
      if (bytes === undefined) {
        this.read(file * OFFSET_SPAN + offset, this.a);
        bytes = this.a;
      }
      this.read(this.where[(v - 1) >>> PAGE_BITS]![(v - 1) & (PAGE - 1)]!, this.b);
      if (bytes.equals(this.b)) return -1;
    }
  }

  private insert(slot: number, fp: number, where: number): void {
    const e = this.count++;
    if ((e & (PAGE - 1)) === 0) this.where.push(new Float64Array(PAGE));
    this.where[e >>> PAGE_BITS]![e & (PAGE - 1)] = where;
    this.slots[2 * slot] = e + 1;
    this.slots[2 * slot + 1] = fp | 0;
    if (this.count * 10 > (this.mask + 1) * 7) this.grow();
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

  private grow(): void {
    const size = (this.mask + 1) * 2;
    const old = this.slots;
    const slots = new Int32Array(2 * size);
    const mask = size - 1;
    for (let k = 0; k < old.length; k += 2) {
      const v = old[k]!;
      if (v === 0) continue;
      const fp = old[k + 1]!;
      let i = (fp >>> 0) & mask;
      while (slots[2 * i] !== 0) i = (i + 1) & mask;
      slots[2 * i] = v;
      slots[2 * i + 1] = fp;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
