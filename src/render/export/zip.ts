/**
 * Two small operations on a ZIP archive (an .xlsx file is one), without a ZIP library:
 *
 * - `setZipTimestamps` stamps every entry with one fixed time, so the same workbook written twice is the same bytes.
 *   The xlsx writer (fflate, inside write-excel-file) stamps each entry with the time of the run and offers no way
 *   to set it. The DOS date and time sit at fixed offsets of each local header and central-directory record
 *   (APPNOTE.TXT 4.3.7, 4.3.12); an "extended timestamp" extra field (0x5455), if any, is set too.
 * - `readZip` lists the entries and inflates them (node:zlib), for tests and checks.
 *
 * Only what an xlsx writer produces is handled: no ZIP64, no encryption, no multi-disk archives.
 */
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EXTENDED_TIMESTAMP = 0x5455;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  centralOffset: number;
}

function view(zip: Uint8Array): DataView {
  return new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
}

/** The central directory's entries. Throws on anything that is not a plain ZIP archive. */
function entries(zip: Uint8Array): Entry[] {
  const dv = view(zip);
  let eocd = -1;
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 0xffff); p--) {
    if (dv.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP archive: no end of central directory record');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) throw new Error('ZIP64 archives are not supported');
  const out: Entry[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (dv.getUint32(p, true) !== CENTRAL) throw new Error(`ZIP central directory record ${n} is damaged`);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const localOffset = dv.getUint32(p + 42, true);
    if (dv.getUint32(localOffset, true) !== LOCAL) throw new Error(`ZIP local header of entry ${n} is damaged`);
    out.push({
      name: decoder.decode(zip.subarray(p + 46, p + 46 + nameLength)),
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset,
      centralOffset: p,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** MS-DOS date and time of a moment, read in UTC (the zone of the machine must not change the bytes). */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  const clamped = year !== date.getUTCFullYear();
  return {
    time: clamped ? 0 : (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day: ((year - 1980) << 9) | ((clamped ? 1 : date.getUTCMonth() + 1) << 5) | (clamped ? 1 : date.getUTCDate()),
  };
}

/** Set the extended-timestamp extra field's times, if the field is there. */
function patchExtra(dv: DataView, start: number, length: number, seconds: number): void {
  let p = start;
  while (p + 4 <= start + length) {
    const id = dv.getUint16(p, true);
    const size = dv.getUint16(p + 2, true);
    if (id === EXTENDED_TIMESTAMP) {
      for (let q = p + 5; q + 4 <= p + 4 + size; q += 4) dv.setUint32(q, seconds, true);
    }
    p += 4 + size;
  }
}

/** Return a copy of the archive with every entry's modification time set to `date` (UTC). */
export function setZipTimestamps(zip: Uint8Array, date: Date): Uint8Array {
  if (Number.isNaN(date.getTime())) throw new Error('setZipTimestamps: invalid date');
  const out = new Uint8Array(zip);
  const dv = view(out);
  const { time, day } = dosDateTime(date);
  const seconds = Math.max(0, Math.floor(date.getTime() / 1000)) >>> 0;
  for (const e of entries(out)) {
    for (const [header, timeAt, nameAt, extraAt, fixed] of [
      [e.centralOffset, 12, 28, 30, 46],
      [e.localOffset, 10, 26, 28, 30],
    ] as const) {
      dv.setUint16(header + timeAt, time, true);
      dv.setUint16(header + timeAt + 2, day, true);
      const nameLength = dv.getUint16(header + nameAt, true);
      patchExtra(dv, header + fixed + nameLength, dv.getUint16(header + extraAt, true), seconds);
    }
  }
  return out;
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** The DOS date and time, read as UTC. */
  modified: Date;
}

/** Every entry of the archive, inflated, in archive order. */
export function readZip(zip: Uint8Array): ZipEntry[] {
  const dv = view(zip);
  return entries(zip).map((e) => {
    const nameLength = dv.getUint16(e.localOffset + 26, true);
    const extraLength = dv.getUint16(e.localOffset + 28, true);
    const start = e.localOffset + 30 + nameLength + extraLength;
    const raw = zip.subarray(start, start + e.compressedSize);
    let data: Uint8Array;
    if (e.method === 0) data = raw;
    else if (e.method === 8) data = inflateRawSync(raw);
    else throw new Error(`ZIP entry ${e.name}: compression method ${e.method} is not supported`);
    if (data.length !== e.size) throw new Error(`ZIP entry ${e.name}: size ${data.length} differs from the directory's ${e.size}`);
    const time = dv.getUint16(e.centralOffset + 12, true);
    const day = dv.getUint16(e.centralOffset + 14, true);
    const modified = new Date(Date.UTC((day >> 9) + 1980, ((day >> 5) & 15) - 1, day & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2));
    return { name: e.name, data, modified };
  });
}

/** The text of one entry (UTF-8), or undefined when the archive has no such entry. */
export function readZipText(zip: Uint8Array, name: string): string | undefined {
  const e = readZip(zip).find((x) => x.name === name);
  return e ? new TextDecoder().decode(e.data) : undefined;
}
