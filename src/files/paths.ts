/**
 * A path as messages show it: relative to the working directory when it lies inside it (what the user most likely
 * typed: `out/assessment-2016-17.pdf`), else absolute (`/tmp/run/out/…`, never `../../tmp/run/out/…`, which no one
 * types and which breaks when copied into another shell).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

export function shownPath(base: string, path: string): string {
  const rel = relative(base, path);
  if (rel === '') return path;
  const climbs = rel === '..' || rel.startsWith(`..${sep}`);
  return climbs || isAbsolute(rel) ? resolve(base, path) : rel;
}
