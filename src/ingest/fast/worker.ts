/**
 * A scanning worker: takes files from the main thread (a few queued, so that it never waits for the next one) and
 * posts back, for each in turn, its result (or, for a streamed file, its batches, at most two ahead of the merge).
 * Row words are transferred, not copied, and come back for reuse ('recycle').
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileScanner } from './scanner.js';
import type { FromWorker, ScanConfig, ScanJob, ToWorker } from './protocol.js';

const port = parentPort!;
const scanner = new FileScanner((workerData as { config: ScanConfig }).config);
const queue: ScanJob[] = [];
let running = false;
/** Batches of a streamed file the merge may hold before this worker waits. */
let credits = 2;
let wake: (() => void) | undefined;

port.on('message', (m: ToWorker) => {
  if (m.type === 'recycle') {
    scanner.recycle(m.words);
    return;
  }
  if (m.type === 'ack') {
    credits++;
    const w = wake;
    wake = undefined;
    w?.();
    return;
  }
  queue.push(m.job);
  if (!running) void drain();
});

async function drain(): Promise<void> {
  running = true;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) await run(job);
  } finally {
    running = false;
  }
}

async function run(job: ScanJob): Promise<void> {
  try {
    for (const r of scanner.scanFile(job)) {
      port.postMessage(r satisfies FromWorker, r.type === 'batch' ? [r.words.buffer as ArrayBuffer] : []);
      if (r.type === 'batch' && !r.final) {
        credits--;
        while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } catch (e) {
    port.postMessage({ type: 'crash', seq: job.seq, message: (e as Error)?.stack ?? String(e) } satisfies FromWorker);
  }
}
