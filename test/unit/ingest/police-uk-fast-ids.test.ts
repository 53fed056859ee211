/** The Crime ID table of the fast police.uk reader: exact de-duplication with fingerprints and byte offsets. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrimeIdTable, idFingerprint } from '../../../src/ingest/fast/crime-ids.js';
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
    expect(t.add(ids[0]!)).toBe(false);
    expect(t.add(ids[1]!)).toBe(true);
    expect(t.addLocated(fp(1), 0, at(1))).toBe(false);
    expect(t.add('aa')).toBe(true);
    expect(t.add('aa')).toBe(false);
    expect(t.add(ids[2]!.toUpperCase())).toBe(true);
    expect(t.add(ids[2]!)).toBe(true);
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
    for (const id of ids) expect(t.add(id)).toBe(false);
    t.close();
  });

  it('behaves as a Set<string> on random IDs, across growth of the table', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 3000 }).map(hex), fc.constantFrom('a', 'b', '')), { maxLength: 6000 }), (list) => {
        const t = new CrimeIdTable(() => '/nonexistent');
        const ref = new Set<string>();
        for (const id of list) {
          const fresh = !ref.has(id);
          ref.add(id);
          expect(t.add(id)).toBe(fresh);
        }
        expect(t.size).toBe(ref.size);
      }),
      { numRuns: 20 },
    );
  });
});
