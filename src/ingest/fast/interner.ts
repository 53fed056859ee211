/**
 * Interning byte strings as small integer ids, without making a JS string per row.
 *
 * Keys are one or two byte ranges of the scan buffer (a crime type; an LSOA code with its name). The table is open
 * addressing over an Int32Array with the key bytes copied once into an arena, so a lookup is a hash of the bytes and
 * one comparison, and the distinct values of a file (14 crime types, a few forces, some thousands of LSOAs) cost a
 * few hundred kilobytes whatever the number of rows.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Separates the two ranges of a two-part key; cannot occur in a validated file (NUL bytes are refused). */
const SEPARATOR = 0;

/** FNV-1a of buf[s, e), continuing from `h`. */
function hashBytes(buf: Uint8Array, s: number, e: number, h = FNV_OFFSET): number {
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, FNV_PRIME);
  return h;
}

export class ByteInterner<V> {
  /** Slot → id + 1 (0 = empty). */
  private slots = new Int32Array(1024);
  private mask = 1023;
  private hashes = new Int32Array(256);
  private starts = new Int32Array(256);
  private lens = new Int32Array(256);
  private arena = new Uint8Array(1 << 14);
  private arenaView = new DataView(this.arena.buffer);
  private arenaUsed = 0;
  /** Value of each id (computed once, when the key is first seen). */
  readonly values: V[] = [];

  get size(): number {
    return this.values.length;
  }

  /** Id of the key buf[s1, e1) + buf[s2, e2), or -1. */
  find(buf: Uint8Array, s1: number, e1: number, s2: number, e2: number, h: number): number {
    const mask = this.mask;
    const slots = this.slots;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v === 0) return -1;
      const id = v - 1;
      if (this.hashes[id] === h && this.equals(id, buf, s1, e1, s2, e2)) return id;
    }
  }

  /**
   * `equals` reading 4 bytes at a time: `view` is a DataView of `buf` (the scan buffer), which must have 3 bytes to
   * spare after e1 and e2.
   */
  equalsView(id: number, buf: Uint8Array, view: DataView, s1: number, e1: number, s2: number, e2: number): boolean {
    const l1 = e1 - s1;
    if (this.lens[id] !== l1 + 1 + (e2 - s2)) return false;
    const a = this.arenaView;
    let k = this.starts[id]!;
    let i = s1;
    for (; i + 4 <= e1; i += 4, k += 4) if (a.getUint32(k, true) !== view.getUint32(i, true)) return false;
    for (; i < e1; i++, k++) if (this.arena[k] !== buf[i]) return false;
    k++; // separator
    i = s2;
    for (; i + 4 <= e2; i += 4, k += 4) if (a.getUint32(k, true) !== view.getUint32(i, true)) return false;
    for (; i < e2; i++, k++) if (this.arena[k] !== buf[i]) return false;
    return true;
  }

  /** `find` comparing with `equalsView`. */
  findView(buf: Uint8Array, view: DataView, s1: number, e1: number, s2: number, e2: number, h: number): number {
    const mask = this.mask;
    const slots = this.slots;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v === 0) return -1;
      const id = v - 1;
      if (this.hashes[id] === h && this.equalsView(id, buf, view, s1, e1, s2, e2)) return id;
    }
  }

  /** Is id's key equal to buf[s1, e1) + buf[s2, e2)? */
  equals(id: number, buf: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
    const l1 = e1 - s1;
    if (this.lens[id] !== l1 + 1 + (e2 - s2)) return false;
    const a = this.arena;
    let k = this.starts[id]!;
    for (let i = s1; i < e1; i++, k++) if (a[k] !== buf[i]) return false;
    k++; // separator
    for (let i = s2; i < e2; i++, k++) if (a[k] !== buf[i]) return false;
    return true;
  }

  /** Hash of a two-part key (pass s2 = e2 for one part). */
  static hash(buf: Uint8Array, s1: number, e1: number, s2: number, e2: number): number {
    return hashBytes(buf, s2, e2, Math.imul(hashBytes(buf, s1, e1) ^ SEPARATOR, FNV_PRIME));
  }

  /** Add a key known to be absent, with its value; returns its id. */
  add(buf: Uint8Array, s1: number, e1: number, s2: number, e2: number, h: number, value: V): number {
    const id = this.values.length;
    if (id >= this.hashes.length) {
      const grow = <T extends Int32Array>(a: T): T => {
        const b = new Int32Array(a.length * 2) as T;
        b.set(a);
        return b;
      };
      this.hashes = grow(this.hashes);
      this.starts = grow(this.starts);
      this.lens = grow(this.lens);
    }
    const len = e1 - s1 + 1 + (e2 - s2);
    if (this.arenaUsed + len + 4 > this.arena.length) {
      const b = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len + 4));
      b.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = b;
      this.arenaView = new DataView(b.buffer);
    }
    const start = this.arenaUsed;
    this.arena.set(buf.subarray(s1, e1), start);
    this.arena[start + (e1 - s1)] = SEPARATOR;
    this.arena.set(buf.subarray(s2, e2), start + (e1 - s1) + 1);
    this.arenaUsed += len;
    this.hashes[id] = h;
    this.starts[id] = start;
    this.lens[id] = len;
    this.values.push(value);
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(id, h);
    return id;
  }

  private place(id: number, h: number): void {
    const mask = this.mask;
    let i = h & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = id + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.values.length; id++) this.place(id, this.hashes[id]!);
  }
}
