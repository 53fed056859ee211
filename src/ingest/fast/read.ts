/**
 * The fast police.uk reader: files scanned in parallel (./scanner.ts), merged in file order on the main thread into
 * exactly what the reference reader builds.
 *
 * Parallel across files, sequential in meaning. The bulk download is hundreds of monthly per-force files; each
 * worker thread scans whole files and posts, per file, the tallies, the problems, the force-months with the line of
 * their first row, and the rows inside the area as a few words each (location id, month, crime type, Crime ID
 * fingerprint and offset). The main thread takes the files strictly in order and applies them to one
 * `IngestState` as the reference reader does row by row: the check for two files holding one force-month, Crime ID
 * de-duplication (first file wins), and the insertion order of every Map. While it has nothing to merge, it scans
 * files itself. A file the scanner leaves to csv-parse (or the rest of one) is read by `readStreetFileCsvParse` on the
 * same state, at its place in the order.
 *
 * Memory is bounded by design, not by the size of the download: a scanner holds one 2 MiB buffer; a file's result is
 * held until merged, with at most IN_FLIGHT files per worker (and a few more in all) scanned ahead of the merge; a
 * file larger than `streamAbove` is checked in a first pass and then sent in batches of 64k rows, at most two
 * ahead. Outside the partnership only tallies are kept, so memory grows with the partnership's rows and LSOAs; read
 * with no area filter (every LSOA of England and Wales), the result itself and the Crime ID table are what grow.
 *
 * Several areas (a batch) are read in the same pass: the scanner keeps the rows that are in any of them, and the
 * merge counts each row in every area its location belongs to (worked out once per location), with the Crime IDs
 * of each area kept apart in the one table (`areaKey`).
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CRIME_TYPES, type FileSummary } from '../../model/data.js';
import { growLsoa, type AreaCounts, type LsoaEntry } from '../formats/area-counts.js';
import {
  areaFilters,
  closeStreetFile,
  expandPaths,
  finishIngest,
  newIngestState,
  readStreetFileCsvParse,
  skippedFile,
  twoFilesError,
  type FileProgress,
  type IngestState,
  type PoliceUkOptions,
  type PoliceUkRead,
} from '../formats/police-uk-core.js';
import { areaKey, CrimeIdTable } from './crime-ids.js';
import { ID_HEX, ID_OTHER, type Batch, type FromWorker, type ScanConfig, type ScanJob, type ScanResult } from './protocol.js';
import { FileScanner, monthText } from './scanner.js';

export interface FastReadOptions {
  /**
   * Worker threads. 0 scans in this thread. Default: one fewer than the cores (at least 1, at most 7) when the input
   * is over 64 MB and has more than one file, else 0.
   */
  threads?: number;
  /** Whether this thread scans files too while it would otherwise wait for a worker (default true). */
  mainScans?: boolean;
  /** Files larger than this many bytes are streamed in batches (default 32 MiB). */
  streamAbove?: number;
  /** Rows per batch of a streamed file (default 65,536; tests use small batches). */
  batchRows?: number;
  /** Bytes per read (default 1 MiB; tests use tiny reads). */
  readSize?: number;
  /** How to start the workers (default: the compiled worker.js). */
  worker?: WorkerEntry;
  /** Told of each file left wholly or partly to csv-parse, and why (tests, debugging). */
  onFallback?: (file: string, reason: string) => void;
}

const SMALL_INPUT = 64 * 1024 * 1024;
/** Files sent to a worker and not yet finished, at most. */
const IN_FLIGHT = 4;
/** Row words (4 bytes each) of scanned files waiting for the merge, beyond which no more files are started. */
const HELD_WORDS = 1 << 20;
const STREAM_ABOVE = 32 * 1024 * 1024;

/** Read police.uk files with the byte scanner. Same result, warnings and errors as `readPoliceUkCsvParse`. */
export async function readPoliceUkFast(
  paths: readonly string[],
  options: PoliceUkOptions,
  fast: FastReadOptions = {},
): Promise<PoliceUkRead> {
  const displayBase = options.displayBase ?? process.cwd();
  const files = await expandPaths(paths, displayBase);
  const ids = new CrimeIdTable((seq) => files[seq]!);
  const state = newIngestState(options, ids);
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)));
  const streamAbove = fast.streamAbove ?? STREAM_ABOVE;
  const jobs: ScanJob[] = files.map((path, seq) => ({ seq, path, display: relative(displayBase, path) || path, stream: sizes[seq]! > streamAbove }));
  const config: ScanConfig = {
    latest: state.latest,
    areas: areaFilters(options).map((area) => ({ ...(area.lsoaCodes ? { codes: [...area.lsoaCodes] } : {}), ...(area.lsoaNamePrefix !== undefined ? { prefix: typeof area.lsoaNamePrefix === 'string' ? area.lsoaNamePrefix : [...area.lsoaNamePrefix] } : {}) })),
    maxProblems: state.problems.limit,
    ...(fast.batchRows !== undefined ? { batchRows: fast.batchRows } : {}),
    ...(fast.readSize !== undefined ? { readSize: fast.readSize } : {}),
  };
  const total = sizes.reduce((a, b) => a + b, 0);
  // Worker threads cost a start-up and a warm-up of their own (~0.1 s of CPU each): below a few hundred thousand rows
  // one thread is as fast. The main thread scans too when it has nothing to merge, so one worker per spare core.
  let threads = fast.threads ?? (total < SMALL_INPUT || jobs.length < 2 ? 0 : Math.max(1, Math.min(availableParallelism() - 1, jobs.length, 7)));
  // Without a compiled worker (running from the sources), scan in this thread.
  const entry = threads > 0 ? (fast.worker ?? defaultWorkerEntry()) : undefined;
  if (!entry) threads = 0;
  const source: Source = threads > 0 ? new WorkerSource(entry!, config, jobs, threads, fast.mainScans ?? true) : new LocalSource(config, jobs);
  const merge = new Merge(state, ids);
  let bytesDone = 0;
  try {
    for (const job of jobs) {
      for (;;) {
        const { msg, worker } = await source.next(job.seq);
        merge.announce(worker, msg.locs);
        if (msg.type === 'skip') {
          merge.skip(job, msg.what);
          break;
        }
        if (msg.type === 'fallback') {
          fast.onFallback?.(job.display, msg.reason);
          await readStreetFileCsvParse(state, job.path, job.display);
          break;
        }
        merge.batch(worker, job, msg);
        source.recycle(worker, msg.words);
        if (!msg.final) {
          source.ack(worker);
          continue;
        }
        if (msg.fallbackAt >= 0) {
          fast.onFallback?.(job.display, `from row ${msg.fallbackAt + 1}`);
          await readStreetFileCsvParse(state, job.path, job.display, { skipRecords: msg.fallbackAt, progress: merge.progress(job) });
        } else {
          closeStreetFile(state, job.display, msg.headerLine, merge.progress(job));
        }
        break;
      }
      merge.forget(job);
      source.done(job.seq);
      // Size the Crime ID table for the whole read from what the files so far held (it would otherwise double
      // its way up, rehashing each time).
      bytesDone += sizes[job.seq]!;
      if (bytesDone > 0 && (job.seq < 16 || job.seq % 16 === 0)) ids.reserve(Math.ceil((ids.size / bytesDone) * total * 1.05));
    }
  } finally {
    ids.close();
    await source.close();
  }
  return finishIngest(state);
}

/**
 * How to start a scanning worker: a script, or code to evaluate (tests running from the TypeScript sources start
 * the worker through a loader). Default: the compiled ./worker.js next to this module.
 */
export type WorkerEntry = { script: URL } | { code: string };

function defaultWorkerEntry(): WorkerEntry | undefined {
  const js = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(js)) ? { script: js } : undefined;
}

/** Where scan results come from, file by file, in order. */
interface Source {
  next(seq: number): Promise<{ msg: ScanResult; worker: number }>;
  /** Give a batch's words array back to the scanner that made it (no allocation per file). */
  recycle(worker: number, words: Uint32Array): void;
  ack(worker: number): void;
  done(seq: number): void;
  close(): Promise<void>;
}

/** Scanning in this thread, one file at a time (small inputs, and `threads: 0`). */
class LocalSource implements Source {
  private readonly scanner: FileScanner;
  private gen: Generator<ScanResult> | undefined;
  private genSeq = -1;

  constructor(config: ScanConfig, private readonly jobs: ScanJob[]) {
    this.scanner = new FileScanner(config);
  }

  async next(seq: number): Promise<{ msg: ScanResult; worker: number }> {
    if (this.genSeq !== seq) {
      // Finish the previous file's generator (it closes its file in a finally).
      this.gen?.return(undefined);
      this.gen = this.scanner.scanFile(this.jobs[seq]!);
      this.genSeq = seq;
    }
    const r = this.gen!.next();
    if (r.done) throw new Error(`internal: no scan result for file ${seq}`);
    return { msg: r.value, worker: 0 };
  }

  recycle(_worker: number, words: Uint32Array): void {
    this.scanner.recycle(words);
  }

  ack(): void {}
  done(): void {}
  async close(): Promise<void> {
    this.gen?.return(undefined);
    this.gen = undefined;
  }
}

/** Worker threads, each scanning whole files; results are queued per file until the merge takes them. */
class WorkerSource implements Source {
  private readonly workers: Worker[] = [];
  /** Files sent to each worker and not finished. */
  private readonly inFlight: number[] = [];
  private readonly queues = new Map<number, Array<{ msg: ScanResult; worker: number }>>();
  private waiting: { seq: number; resolve: () => void } | undefined;
  private failure: Error | undefined;
  private nextJob = 0;
  private head = 0;
  private readonly lookahead: number;
  /** Row words of results waiting for the merge. */
  private heldWords = 0;

  /** A scanner in this thread, for files it takes while the merge would otherwise wait. */
  private readonly local: FileScanner | undefined;

  constructor(entry: WorkerEntry, config: ScanConfig, private readonly jobs: ScanJob[], threads: number, stealing: boolean) {
    // Enough queued per worker that it keeps busy while this thread is merging or scanning a file of its own.
    this.lookahead = threads * (IN_FLIGHT + 2) + (stealing ? 16 : 0);
    this.local = stealing ? new FileScanner(config) : undefined;
    for (let i = 0; i < threads; i++) {
      const w = 'script' in entry ? new Worker(entry.script, { workerData: { config }, resourceLimits: { maxYoungGenerationSizeMb: 8 } }) : new Worker(entry.code, { eval: true, workerData: { config } });
      w.on('message', (m: FromWorker) => this.receive(i, m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`internal: a police.uk scanning worker exited with code ${code}`));
      });
      this.workers.push(w);
      this.inFlight.push(0);
    }
    this.dispatch();
  }

  /**
   * May another file be started? Within the look-ahead (in files), and while the results waiting for the merge are
   * small (in all-areas reads they hold every row; for a partnership, almost nothing).
   */
  private mayStart(): boolean {
    return this.nextJob < this.jobs.length && this.nextJob < this.head + this.lookahead && this.heldWords < HELD_WORDS;
  }

  /** Send files to workers: up to IN_FLIGHT each (so that none waits for its next file), within the lookahead. */
  private dispatch(): void {
    for (;;) {
      if (!this.mayStart()) return;
      const job = this.jobs[this.nextJob]!;
      // A streamed file's batches must be merged as they come: start it only when it is next to be merged.
      if (job.stream && job.seq !== this.head) return;
      let best = -1;
      for (let i = 0; i < this.workers.length; i++) if (this.inFlight[i]! < IN_FLIGHT && (best < 0 || this.inFlight[i]! < this.inFlight[best]!)) best = i;
      if (best < 0) return;
      this.nextJob++;
      this.inFlight[best]!++;
      this.workers[best]!.postMessage({ type: 'job', job });
    }
  }

  private receive(worker: number, m: FromWorker): void {
    if (m.type === 'crash') return this.fail(new Error(`internal: the police.uk scanner failed on file ${m.seq}: ${m.message}`));
    let q = this.queues.get(m.seq);
    if (!q) this.queues.set(m.seq, (q = []));
    q.push({ msg: m, worker });
    if (m.type === 'batch') this.heldWords += m.nWords;
    if (m.type !== 'batch' || m.final) {
      this.inFlight[worker]!--;
      this.dispatch();
    }
    if (this.waiting?.seq === m.seq) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve();
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = undefined;
    w?.resolve();
  }

  async next(seq: number): Promise<{ msg: ScanResult; worker: number }> {
    for (;;) {
      if (this.failure) throw this.failure;
      const q = this.queues.get(seq);
      if (q && q.length > 0) {
        const r = q.shift()!;
        if (r.msg.type === 'batch') this.heldWords -= r.msg.nWords;
        return r;
      }
      if (this.local && this.steal()) {
        // Let the workers' messages in before looking again.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => (this.waiting = { seq, resolve }));
    }
  }

  /**
   * While the merge waits for a file a worker is scanning, scan the next file not yet sent to a worker here, in this
   * thread (its results use worker index `workers.length`). Returns whether there was one.
   */
  private steal(): boolean {
    const job = this.jobs[this.nextJob];
    if (!job || job.stream || !this.mayStart()) return false;
    this.nextJob++;
    const me = this.workers.length;
    let q = this.queues.get(job.seq);
    if (!q) this.queues.set(job.seq, (q = []));
    for (const msg of this.local!.scanFile(job)) {
      q.push({ msg, worker: me });
      if (msg.type === 'batch') this.heldWords += msg.nWords;
    }
    return true;
  }

  recycle(worker: number, words: Uint32Array): void {
    if (worker === this.workers.length) this.local?.recycle(words);
    else this.workers[worker]!.postMessage({ type: 'recycle', words }, [words.buffer as ArrayBuffer]);
  }

  ack(worker: number): void {
    this.workers[worker]!.postMessage({ type: 'ack' });
  }

  done(seq: number): void {
    this.queues.delete(seq);
    this.head = seq + 1;
    this.dispatch();
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** An LSOA code: its entries in the areas' results (created when its first row is counted there). */
interface CodeInfo {
  code: string;
  /** The first area that counted a row here and its entry (a batch of disjoint areas has only this one)… */
  area: number;
  entry: LsoaEntry | undefined;
  /** … and any other areas (overlapping areas). */
  others: Array<{ area: number; entry: LsoaEntry }> | undefined;
  /** Last file that counted a row here (for the file's LSOA count). */
  mark: number;
}

/** A scanner's location: the LSOA name as written in its first row, the code's info, and the areas it is in. */
interface Loc {
  name: string;
  ci: CodeInfo;
  areas: readonly number[];
}

/** An area's counts and the month of its last counted row (so that a run of rows of one month finds its arrays once). */
interface AreaMerge {
  counts: AreaCounts;
  lastMonth: number;
  monthCounts: Uint32Array;
  /** The month's slot (`MonthSlots`) times the number of crime types: where its row starts in an LSOA's counts. */
  monthBase: number;
}

interface Progress {
  summary: FileSummary;
  minMonth: number;
  maxMonth: number;
  codes: CodeInfo[];
}

const N_TYPES = CRIME_TYPES.length;
/** IDs whose table slots are read ahead of the one being added: enough to overlap many misses, few enough to stay in L1/L2. */
const TOUCH_AHEAD = 256;

/** Applies scan results to the state in file order: the reference reader's semantics on integer ids. */
class Merge {
  /** Per worker: scanner location id → location. */
  private readonly locs: Loc[][] = [];
  private readonly codes = new Map<string, CodeInfo>();
  private readonly months = new Map<number, string>();
  private readonly areas: AreaMerge[];
  private readonly files = new Map<number, Progress>();
  private fpScratch = new Uint32Array(0);
  /** Where `touch` results go, so that its loads are not optimised away. */
  sink = 0;

  constructor(private readonly state: IngestState, private readonly ids: CrimeIdTable) {
    this.areas = state.areas.map((counts) => ({ counts, lastMonth: -1, monthCounts: new Uint32Array(0), monthBase: 0 }));
  }

  announce(worker: number, a: Array<number | string>): void {
    const table = (this.locs[worker] ??= []);
    for (let i = 0; i < a.length; i += 3) {
      const code = a[i + 1] as string;
      const name = a[i + 2] as string;
      let ci = this.codes.get(code);
      if (!ci) this.codes.set(code, (ci = { code, area: -1, entry: undefined, others: undefined, mark: -1 }));
      table[a[i] as number] = { name, ci, areas: this.state.classifier.areasOf(code, name) };
    }
  }

  skip(job: ScanJob, what: 'outcomes' | 'stop and search'): void {
    const { warning, summary } = skippedFile(job.display, what);
    if (warning) this.state.options.onWarning?.(warning);
    this.state.summaries.push(summary);
  }

  private fileOf(job: ScanJob): Progress {
    let p = this.files.get(job.seq);
    if (!p) this.files.set(job.seq, (p = { summary: { file: job.display, kind: 'police-uk-street', rows: 0 }, minMonth: -1, maxMonth: -1, codes: [] }));
    return p;
  }

  /** What has been counted of a file, in the reference reader's terms. */
  progress(job: ScanJob): FileProgress {
    const p = this.fileOf(job);
    return {
      summary: p.summary,
      firstMonth: p.minMonth >= 0 ? this.monthOf(p.minMonth) : undefined,
      lastMonth: p.maxMonth >= 0 ? this.monthOf(p.maxMonth) : undefined,
      lsoasInFile: new Set(p.codes.map((c) => c.code)),
    };
  }

  forget(job: ScanJob): void {
    this.files.delete(job.seq);
  }

  private monthOf(mi: number): string {
    let t = this.months.get(mi);
    if (t === undefined) this.months.set(mi, (t = monthText(mi)));
    return t;
  }


  /** A code's entry in area `a` (created on its first counted row there, with that row's LSOA name). */
  private entryOf(ci: CodeInfo, a: number, name: string): LsoaEntry {
    if (ci.area === a) return ci.entry!;
    if (ci.area < 0) {
      ci.area = a;
      return (ci.entry = this.areas[a]!.counts.lsoa(ci.code, name));
    }
    const found = ci.others?.find((o) => o.area === a);
    if (found) return found.entry;
    const entry = this.areas[a]!.counts.lsoa(ci.code, name);
    (ci.others ??= []).push({ area: a, entry });
    return entry;
  }

  batch(worker: number, job: ScanJob, b: Batch): void {
    const { shared, problems, forceMonthFile } = this.state;
    const file = this.fileOf(job);
    file.summary.rows += b.rows;
    shared.rows += b.rows;
    shared.noLocation += b.noLocation;
    for (const p of b.problems) problems.add(p);
    problems.omitted += b.omitted;

    const fm = b.forceMonths;
    for (let i = 0; i < fm.length; i += 3) {
      const force = fm[i] as string;
      const month = fm[i + 1] as string;
      const key = `${force}\u0000${month}`;
      const earlier = forceMonthFile.get(key);
      if (earlier === undefined) forceMonthFile.set(key, job.display);
      else if (earlier !== job.display) throw twoFilesError(force, month, job.display, fm[i + 2] as number, earlier);
      let forceMonths = shared.monthsByForce.get(force);
      if (!forceMonths) shared.monthsByForce.set(force, (forceMonths = new Set()));
      forceMonths.add(month);
    }
    // Rows by force in each area's LSOAs, before de-duplication, as the reference reader counts them.
    const fl = b.forceLocs;
    for (let i = 0; i < fl.length; i += 3) {
      for (const a of this.locs[worker]![fl[i + 1] as number]!.areas) this.areas[a]!.counts.forceRows(fl[i] as string, fl[i + 2] as number);
    }
    if (b.minMonth >= 0 && (file.minMonth < 0 || b.minMonth < file.minMonth)) file.minMonth = b.minMonth;
    if (b.maxMonth > file.maxMonth) file.maxMonth = b.maxMonth;

    const w = b.words;
    const n = b.nWords;
    const table = this.locs[worker]!;
    const ids = this.ids;
    const mark = job.seq;
    const codesInFile = file.codes;
    const areas = this.areas;
    // The fingerprints of the batch's hex IDs, in row order, so that the ID table's slots can be brought into cache
    // a stretch ahead of the rows that use them (see CrimeIdTable.touch).
    let nFps = 0;
    const fps = this.fpScratch.length >= n ? this.fpScratch : (this.fpScratch = new Uint32Array(n));
    for (let i = 0; i < n; ) {
      const kind = w[i + 1]! & 3;
      if (kind === ID_HEX) {
        const first = table[w[i]!]!.areas[0];
        if (first !== undefined) fps[nFps++] = first === 0 ? w[i + 2]! : areaKey(w[i + 2]!, first);
        i += 5;
      } else i += kind === ID_OTHER ? 3 : 2;
    }
    let hexRow = 0;
    let touched = Math.min(TOUCH_AHEAD, nFps);
    this.sink ^= ids.touch(fps, 0, touched);
    // Rows the scanner found inside some area of the read, and (below) those outside all of them.
    let located = b.outOfArea;
    let i = 0;
    while (i < n) {
      const loc = table[w[i]!]!;
      const head = w[i + 1]!;
      const kind = head & 3;
      let fp = 0;
      let offset = 0;
      let other = '';
      if (kind === ID_HEX) {
        fp = w[i + 2]!;
        offset = w[i + 3]! + w[i + 4]! * 4294967296;
        i += 5;
        // Keep the touched stretch TOUCH_AHEAD IDs ahead of this one.
        if (++hexRow + TOUCH_AHEAD > touched && touched < nFps) {
          const to = Math.min(touched + TOUCH_AHEAD, nFps);
          this.sink ^= ids.touch(fps, touched, to);
          touched = to;
        }
      } else if (kind === ID_OTHER) {
        other = b.otherIds[w[i + 2]!]!;
        i += 3;
      } else i += 2;
      located++;
      const mi = head >>> 8;
      const t = (head >>> 2) & 15;
      const ci = loc.ci;
      const inAreas = loc.areas;
      for (let k = 0; k < inAreas.length; k++) {
        const a = inAreas[k]!;
        const am = areas[a]!;
        if (kind === ID_HEX ? !ids.addLocated(a === 0 ? fp : areaKey(fp, a), mark, offset) : kind === ID_OTHER && !ids.add(other, a)) {
          am.counts.duplicates++;
          continue;
        }
        am.counts.inArea++;
        if (ci.mark !== mark) {
          ci.mark = mark;
          codesInFile.push(ci);
        }
        if (am.lastMonth !== mi) {
          const text = this.monthOf(mi);
          am.monthCounts = am.counts.month(text);
          am.monthBase = this.state.months.slot(text) * N_TYPES;
          am.lastMonth = mi;
        }
        am.monthCounts[t]! += 1;
        const entry = ci.area === a ? ci.entry! : this.entryOf(ci, a, loc.name);
        const at = am.monthBase + t;
        const counts = at < entry.counts.length ? entry.counts : growLsoa(entry, am.monthBase / N_TYPES);
        counts[at]! += 1;
      }
    }
    this.state.shared.located += located;
  }
}
