/**
 * Writing outputs without ever leaving a half-written file or a half-written run.
 *
 * One file: write a temporary file in the target folder (same file system, so the rename is atomic), then rename
 * it over the target. A run's files: write every temporary first and rename only when all of them were written, so
 * a full disk or a file-size limit met on the fourth file leaves the first three documents as they were rather
 * than a folder of this run's PDF beside last year's JSON. Temporaries are tracked so a signal handler can remove
 * them.
 *
 * A neutral module (it knows nothing of documents): render, pdf and the CLI all write through it, and it is the one
 * place that turns the file system's errors (a read-only disk, no permission, a full disk) into the user's error
 * they are, with the path and a hint, rather than "a bug in swp".
 */
import { randomBytes } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ExitCode, SwpError } from '../model/errors.js';
import { shownPath } from './paths.js';

const pending = new Set<string>();

/** Prefix of temporary files, so stray ones are recognisable (and gitignored). */
const TEMP_PREFIX = '.swp-tmp-';

/** A file a run writes. */
export interface FileToWrite {
  path: string;
  data: string | Uint8Array;
}

/** What each file-system error means to someone writing documents, and what they can do. */
const OUTPUT_ERRORS: Record<string, { message: string; hint: string }> = {
  EEXIST: { message: 'the output folder is a file', hint: 'choose another folder with --out, or move the file out of the way' },
  ENOTDIR: { message: 'a part of the output path is a file, not a folder', hint: 'choose another folder with --out, or move the file out of the way' },
  EISDIR: { message: 'a folder stands where a document is to be written', hint: 'remove or rename that folder, or choose another folder with --out' },
  EACCES: { message: 'no permission to write in the output folder', hint: 'choose a folder you can write to with --out, or ask for write access to this one' },
  EPERM: { message: 'the operating system did not allow writing in the output folder', hint: 'choose another folder with --out; on Windows, close the document if it is open in another program' },
  EBUSY: { message: 'the document is open in another program', hint: 'close it (e.g. the PDF viewer or Excel) and run again' },
  ENOSPC: { message: 'the disk is full', hint: 'free some space, or choose a folder on another disk with --out' },
  EDQUOT: { message: 'the disk quota is used up', hint: 'free some space, or choose a folder on another disk with --out' },
  EFBIG: { message: 'the file is larger than the file-size limit allows', hint: 'raise the limit (ulimit -f), or choose a folder on another disk with --out' },
  EROFS: { message: 'the output folder is on a read-only file system', hint: 'choose a writable folder with --out' },
  ENAMETOOLONG: { message: 'the output path is too long', hint: 'choose a shorter folder with --out' },
};

/**
 * The user's error for a file-system failure while writing `path` (exit code OUTPUT), or undefined when the error
 * is not one a user can cause (then it is a bug and is re-thrown as it is).
 */
export function outputError(e: unknown, path: string, displayBase = process.cwd()): SwpError | undefined {
  if (e instanceof SwpError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const known = code ? OUTPUT_ERRORS[code] : undefined;
  if (!known) return undefined;
  return new SwpError(
    ExitCode.OUTPUT,
    {
      message: known.message,
      file: shownPath(displayBase, path),
      expected: 'a folder swp can create and write files in',
      found: `${code} (${(e as Error).message.replace(/^[A-Z]+: /, '')})`,
      hint: `${known.hint}; nothing was written, and earlier documents in the folder are unchanged`,
    },
    { cause: e },
  );
}

/** Re-throw a file-system error as the user's error when it is one. */
function rethrow(e: unknown, path: string, displayBase?: string): never {
  throw outputError(e, path, displayBase) ?? e;
}

/**
 * Check, before any work, that `dir` is (or can be made) a folder swp can write in: the nearest existing part of the
 * path must be a folder and writable. A run that reads a national year of data and then cannot write is a poor
 * way to learn that --out was a typo for a file.
 */
export async function checkOutputFolder(dir: string, displayBase = process.cwd()): Promise<void> {
  const target = resolve(dir);
  let at = target;
  for (;;) {
    let st;
    try {
      st = await stat(at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Not there yet (ENOENT), or below a file (ENOTDIR): look at the parent, which shows which it is.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') rethrow(e, at, displayBase);
      const up = dirname(at);
      if (up === at) return;
      at = up;
      continue;
    }
    if (!st.isDirectory()) {
      const known = OUTPUT_ERRORS[at === target ? 'EEXIST' : 'ENOTDIR']!;
      throw new SwpError(ExitCode.OUTPUT, {
        message: known.message,
        file: shownPath(displayBase, at),
        expected: 'a folder swp can create and write files in',
        found: `a file of ${st.size.toLocaleString('en-GB')} bytes`,
        hint: `${known.hint}; nothing was written`,
      });
    }
    break;
  }
  try {
    await access(at, constants.W_OK);
  } catch (e) {
    rethrow(e, at, displayBase);
  }
}

function temporaryFor(path: string): string {
  return join(dirname(path), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${basename(path)}`);
}

/** Write `data` to `path` atomically. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, displayBase?: string): Promise<void> {
  await commitFiles([{ path, data }], { displayBase });
}

/**
 * Write a run's files: every temporary first, then every rename. If any write fails, every temporary is removed
 * and no target has been touched. `replaceFolders` are folders the run owns whole (a document's data tables): files
 * in them that this run did not write — a table another year had and this one has not — are removed, so the folder
 * never mixes two runs.
 */
export async function commitFiles(files: readonly FileToWrite[], options: { replaceFolders?: readonly string[]; displayBase?: string } = {}): Promise<void> {
  const staged: { tmp: string; path: string }[] = [];
  const drop = async () => {
    for (const s of staged) {
      await rm(s.tmp, { force: true });
      pending.delete(s.tmp);
    }
  };
  for (const f of files) {
    const tmp = temporaryFor(f.path);
    try {
      await mkdir(dirname(f.path), { recursive: true });
      pending.add(tmp);
      staged.push({ tmp, path: f.path });
      await writeFile(tmp, f.data);
    } catch (e) {
      await drop();
      rethrow(e, f.path, options.displayBase);
    }
  }
  for (const [i, s] of staged.entries()) {
    try {
      await rename(s.tmp, s.path);
      pending.delete(s.tmp);
    } catch (e) {
      // Renames within one folder fail only for a reason that will stop the rest too (a folder in the way, a file
      // locked by another program): the rest are not replaced.
      await drop();
      rethrow(e, staged[i]!.path, options.displayBase);
    }
  }
  const written = new Set(files.map((f) => resolve(f.path)));
  for (const folder of options.replaceFolders ?? []) {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = resolve(folder, e.name);
      if (e.isFile() && !written.has(p)) await rm(p, { force: true }).catch((err) => rethrow(err, p, options.displayBase));
    }
  }
}

/** Remove every temporary file still being written (called on SIGINT/SIGTERM). Synchronous: it runs on exit. */
export function removePendingTemporaries(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}
