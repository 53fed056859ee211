/**
 * An England-sized boundary file (35,672 generated LSOA features in the Open Geography Portal's GeoJSON layout,
 * scripts/lib/synth-boundaries.mjs) is read as a stream with bounded memory, keeping one area's 108 features.
 *
 * The read runs the BUILT reader (dist/ingest/formats/boundaries.js) in a child process
 * (./measure-boundaries.mjs) that prints process.resourceUsage().maxRSS: the figure is the read's alone, not
 * vitest's workers. Without dist/ this file is skipped with a message (`npm test` builds first).
 * Wall-clock time is never asserted.
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../../helpers.js';
// @ts-expect-error: a plain .mjs script without types
import { writeBoundaryFile } from '../../../scripts/lib/synth-boundaries.mjs';

const run = promisify(execFile);
const HAVE_DIST = existsSync(join(ROOT, 'dist/ingest/formats/boundaries.js'));
if (!HAVE_DIST) console.warn('[large] SKIPPED: dist/ingest/formats/boundaries.js is missing; run "npm run build" first.');
const CHILD = fileURLToPath(new URL('./measure-boundaries.mjs', import.meta.url));
const MB = 1024 * 1024;

/*
 * Measured (Node 20.20, 2 shared cores, 2026-12-05; 2 runs): a 35,672-feature file of 60 vertices a polygon (55 MiB)
 * peaks at 100–106 MiB RSS; 12,000 features (18 MiB) at 94–102 MiB: the baseline is Node, stream-json and the 1 MiB
 * read buffer. Parsing the whole file into objects (JSON.parse) would take several times the file's size.
 */
/** About 50% over the measured peak, so a busy machine does not fail it; holding every feature would pass it. */
const RSS_BOUND = 160 * MB;

const dir = tempDir('swp-boundaries-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function measure(file: string): Promise<{ read: number; kept: number; rssMb: number }> {
  const { stdout } = await run(process.execPath, [CHILD, file], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim()) as { read: number; kept: number; rssMb: number };
}

describe.skipIf(!HAVE_DIST)('boundary files: streamed, only the area kept', () => {
  it('35,672 features: every one read, 108 kept, peak RSS bounded and not growing with the file', async () => {
    const big = join(dir, 'big.geojson');
    const small = join(dir, 'small.geojson');
    const b = writeBoundaryFile(big, 35_672, 60) as { bytes: number };
    writeBoundaryFile(small, 12_000, 60);
    const large = await measure(big);
    const third = await measure(small);
    console.info(`[large] boundary file ${(b.bytes / MB).toFixed(0)} MiB, 35,672 features: peak RSS ${large.rssMb.toFixed(0)} MiB; 12,000 features: ${third.rssMb.toFixed(0)} MiB`);
    expect(large).toMatchObject({ read: 35_672, kept: 108 });
    expect(large.rssMb * MB).toBeLessThan(RSS_BOUND);
    // Three times the features may cost at most a quarter more peak memory: what grows is not the features read.
    expect(large.rssMb / third.rssMb).toBeLessThan(1.25);
  }, 600_000);
});
