/**
 * Writing outputs without ever leaving a half-written file: write a temporary file in the target folder (same
 * file system, so the rename is atomic), then rename it over the target. A failed or interrupted run leaves the
 * previous document untouched. Temporaries are tracked so a signal handler can remove them.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const pending = new Set<string>();

/** Prefix of temporary files, so stray ones are recognisable (and gitignored). */
export const TEMP_PREFIX = '.swp-tmp-';

/** Write `data` to `path` atomically. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${basename(path)}`);
  pending.add(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    pending.delete(tmp);
  }
}

/** Remove every temporary file still being written (called on SIGINT/SIGTERM). Synchronous: it runs on exit. */
export function removePendingTemporaries(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}
