/** The Crime ID table of the fast police.uk reader: exact de-duplication with fingerprints and byte offsets. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaKey, CrimeIdTable, idFingerprint } from '../../../src/ingest/fast/crime-ids.js';
import { tempDir } from '../../helpers.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');

describe('CrimeIdTable', () => {
  it('tells a new ID from one seen before, whether it came from a file or as a string', () => {
    const dir = tempDir();
    const ids = [hex(0xa1), hex(0xb2), hex(0xc3)];
    const file = join(dir, 'ids.txt');
    writeFileSync(file, `x,${ids.join(',')}\n`);
    const t = new CrimeIdTable(() => file);
    const at = (k: number) => 2 + k * 65;
    const fp = (k: number) => idFingerprint(Buffer.from(ids[k]!), 0);
    expect(t.addLocated(fp(0), 0, at(0))).toBe(true);
    expect(t.addLocated(fp(0), 0, at(0))).toBe(false);
    expect(t.add(ids[0]!, 0)).toBe(false);
    expect(t.add(ids[1]!, 0)).toBe(true);
    expect(t.addLocated(fp(1), 0, at(1))).toBe(false);
    expect(t.add('aa', 0)).toBe(true);
    expect(t.add('aa', 0)).toBe(false);
    expect(t.add(ids[2]!.toUpperCase(), 0)).toBe(true);
    expect(t.add(ids[2]!, 0)).toBe(true);
    expect(t.size).toBe(5);
    t.close();
  });

  it('never takes two different IDs with the same fingerprint for one (they are compared byte for byte)', () => {
    const dir = tempDir();
    const ids = Array.from({ length: 50 }, (_, i) => hex(i * 7919));
    const file = join(dir, 'ids.txt');
    writeFileSync(file, ids.join('\n'));
    const t = new CrimeIdTable(() => file);
    // Every ID given the same fingerprint: the worst case of collisions.
    for (let k = 0; k < ids.length; k++) expect(t.addLocated(12345, 0, k * 65)).toBe(true);
    for (let k = 0; k < ids.length; k++) expect(t.addLocated(12345, 0, k * 65)).toBe(false);
    // The same again under their real fingerprints: new to the table, then known as strings.
    for (let k = 0; k < ids.length; k++) expect(t.addLocated(idFingerprint(Buffer.from(ids[k]!), 0), 0, k * 65)).toBe(true);
    for (const id of ids) expect(t.add(id, 0)).toBe(false);
    t.close();
  });

  it('keeps one set of IDs per area: the same ID in two areas is new to each, from a file or as a string', () => {
    const dir = tempDir();
    const ids = [hex(0xa1), hex(0xb2)];
    const file = join(dir, 'ids.txt');
    writeFileSync(file, `x,${ids.join(',')}\n`);
    const t = new CrimeIdTable(() => file);
    const fp = idFingerprint(Buffer.from(ids[0]!), 0);
    expect(t.addLocated(areaKey(fp, 0), 0, 2)).toBe(true);
    expect(t.addLocated(areaKey(fp, 1), 0, 2)).toBe(true);
    expect(t.addLocated(areaKey(fp, 7), 0, 2)).toBe(true);
    expect(t.add(ids[0]!, 1)).toBe(false);
    expect(t.add(ids[0]!, 2)).toBe(true);
    expect(t.addLocated(areaKey(fp, 2), 0, 2)).toBe(false);
    expect(t.add('x-1', 0)).toBe(true);
    expect(t.add('x-1', 3)).toBe(true);
    expect(t.add('x-1', 3)).toBe(false);
    // Area 0 leaves the fingerprint as it is (one-area reads are unchanged).
    expect(areaKey(fp, 0)).toBe(fp);
    t.close();
  });

  it('behaves as a Set<string> of (area, ID) on random IDs, across growth of the table', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 3000 }).map(hex), fc.constantFrom('a', 'b', '')), fc.integer({ min: 0, max: 2 })), { maxLength: 6000 }), (list) => {
        const t = new CrimeIdTable(() => '/nonexistent');
        const ref = new Set<string>();
        for (const [id, area] of list) {
          const key = `${area}|${id}`;
          const fresh = !ref.has(key);
          ref.add(key);
          expect(t.add(id, area)).toBe(fresh);
        }
        expect(t.size).toBe(ref.size);
      }),
      { numRuns: 20 },
    );
  });
});
