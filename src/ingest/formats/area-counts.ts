/**
 * What a police.uk read counts for one area, built up row by row (by either reader) and turned into a
 * `PoliceUkData` at the end.
 *
 * LSOA counts live in one growing array per LSOA, a row of 14 counts per month, where the row is the month's
 * *slot*: its place in the order months were first met in this read (shared by every area of the read). Files come
 * month by month, so slots are usually already in calendar order and the arrays are handed over as they are;
 * otherwise `finish` lays them out again in calendar order.
 */
import { CRIME_TYPES, type LsoaCounts, type MonthKey, type PoliceUkData } from '../../model/data.js';
import { computeCoverage } from '../coverage.js';

const N = CRIME_TYPES.length;
/** Months an LSOA's array holds at first and grows by: a year (reads are usually whole years). */
const STEP = 12;

/** Month → slot, in the order months were first met in a read. */
export class MonthSlots {
  private readonly slots = new Map<MonthKey, number>();
  readonly months: MonthKey[] = [];

  slot(month: MonthKey): number {
    let s = this.slots.get(month);
    if (s === undefined) {
      s = this.months.length;
      this.slots.set(month, s);
      this.months.push(month);
    }
    return s;
  }

  /** The slot of a month already met, else −1. */
  find(month: MonthKey): number {
    return this.slots.get(month) ?? -1;
  }
}

/** An LSOA's counts while reading: `counts` rows are month slots; it grows a year at a time. */
export type LsoaEntry = LsoaCounts;

/** Make room in an LSOA's counts for month slot `slot`; returns the (new) array. */
export function growLsoa(entry: LsoaEntry, slot: number): Uint32Array {
  const counts = new Uint32Array(Math.ceil((slot + 1) / STEP) * STEP * N);
  counts.set(entry.counts);
  entry.counts = counts;
  return counts;
}

/** Count one row of type `t` in month slot `slot` for an LSOA. */
function countLsoa(entry: LsoaEntry, slot: number, t: number): void {
  const at = slot * N + t;
  const counts = at < entry.counts.length ? entry.counts : growLsoa(entry, slot);
  counts[at]! += 1;
}

/**
 * New LSOA arrays (a year of counts) cut from shared blocks: a national read makes ~34,000 of them, and one
 * ArrayBuffer each would cost a native allocation and its bookkeeping apiece. Arrays that grow beyond a year get
 * their own buffer (`growLsoa`).
 */
export class CountsPool {
  private block = new Uint32Array(0);
  private used = 0;

  take(): Uint32Array {
    const n = STEP * N;
    if (this.used + n > this.block.length) {
      this.block = new Uint32Array(n * 1024);
      this.used = 0;
    }
    const a = this.block.subarray(this.used, this.used + n);
    this.used += n;
    return a;
  }
}

/** The counts of one area of a read. */
export class AreaCounts {
  readonly byMonth = new Map<MonthKey, Uint32Array>();
  readonly byLsoa = new Map<string, LsoaEntry>();
  /** Rows in the area's LSOAs by force, before de-duplication (see PoliceUkData.rowsByForce). */
  readonly rowsByForce = new Map<string, number>();
  /** Rows counted here, and rows here dropped because their Crime ID was counted here already. */
  inArea = 0;
  duplicates = 0;

  constructor(private readonly pool: CountsPool) {}

  /** The counts of a month (created on its first row, so that Map order is the order rows came in). */
  month(month: MonthKey): Uint32Array {
    let c = this.byMonth.get(month);
    if (!c) this.byMonth.set(month, (c = new Uint32Array(N)));
    return c;
  }

  /** An LSOA's entry (created on its first counted row, with the name as written there). */
  lsoa(code: string, name: string): LsoaEntry {
    let e = this.byLsoa.get(code);
    if (!e) this.byLsoa.set(code, (e = { name, counts: this.pool.take() }));
    return e;
  }

  /** Count `n` rows of a force in the area's LSOAs (before de-duplication). */
  forceRows(force: string, n: number): void {
    this.rowsByForce.set(force, (this.rowsByForce.get(force) ?? 0) + n);
  }

  /** Count a row that passed every check and de-duplication. */
  count(month: MonthKey, slot: number, code: string, name: string, t: number): void {
    this.inArea++;
    this.month(month)[t]! += 1;
    countLsoa(this.lsoa(code, name), slot, t);
  }

  /**
   * The result. `located` is the number of valid rows with an LSOA in the read (every area's rows and the rest);
   * `shared` are the parts that are the same for every area of a read.
   */
  finish(
    slots: MonthSlots,
    located: number,
    shared: { rows: number; noLocation: number; monthsByForce: PoliceUkData['monthsByForce']; files: string[] },
  ): PoliceUkData {
    const lsoaMonths = [...this.byMonth.keys()].sort();
    const rowSlot = lsoaMonths.map((m) => slots.find(m));
    const inPlace = rowSlot.every((s, k) => s === k);
    const size = lsoaMonths.length * N;
    for (const e of this.byLsoa.values()) {
      if (inPlace && e.counts.length === size) continue;
      // An array shorter than the span belongs to an LSOA whose rows stopped before the area's last month: a view of
      // it would be short (subarray clamps), so it gets a full-length array below, zeros after its last month.
      if (inPlace && e.counts.length > size) {
        // Already in calendar order with room to spare: a view of the rows in use.
        e.counts = e.counts.subarray(0, size);
        continue;
      }
      const counts = new Uint32Array(size);
      rowSlot.forEach((s, k) => {
        if (s * N < e.counts.length) counts.set(e.counts.subarray(s * N, s * N + N), k * N);
      });
      e.counts = counts;
    }
    // Sorted, so that the result does not depend on the order rows (or the fast reader's batches) came in.
    const rowsByForce = new Map([...this.rowsByForce].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      byMonth: this.byMonth,
      lsoaMonths,
      byLsoa: this.byLsoa,
      monthsByForce: shared.monthsByForce,
      rowsByForce,
      coverage: computeCoverage({ rowsByForce, monthsByForce: shared.monthsByForce, byMonth: this.byMonth }),
      tally: {
        rows: shared.rows,
        inArea: this.inArea,
        outOfArea: located - this.inArea - this.duplicates,
        noLocation: shared.noLocation,
        duplicates: this.duplicates,
      },
      files: shared.files,
    };
  }
}
