/** Reading PDFs back with poppler-utils, and looking for browser processes: helpers for the integration tests. */
import { spawnSync } from 'node:child_process';

/** `pdfinfo` as key → value. */
export function pdfinfo(path: string): Record<string, string> {
  const r = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdfinfo failed on ${path}: ${r.stderr}`);
  const out: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}

/** The structure tree as `pdfinfo -struct` prints it (H1, H2, Table, TH…). */
export function pdfStructure(path: string): string {
  return spawnSync('pdfinfo', ['-struct', path], { encoding: 'utf8' }).stdout;
}

/** The fonts of a PDF as `pdffonts` lists them: name (subset prefix removed) and whether it is embedded. */
export function pdffonts(path: string): Array<{ name: string; embedded: boolean }> {
  const r = spawnSync('pdffonts', [path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdffonts failed: ${r.stderr}`);
  // After two header lines: name, type (may hold spaces), encoding, emb, sub, uni, object id, generation.
  return r.stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const f = l.trim().split(/\s+/);
      return { name: f[0]!.replace(/^[A-Z]{6}\+/, ''), embedded: f[f.length - 5] === 'yes' };
    });
}

/** The text, in reading order. */
export function pdftotext(path: string): string {
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

/** The bookmarks (document outline) titles, as `pdftohtml -xml` reads them, with their nesting depth. */
export function pdfOutline(path: string): Array<{ title: string; depth: number }> {
  const r = spawnSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftohtml failed: ${r.stderr}`);
  const start = r.stdout.indexOf('<outline>');
  if (start === -1) return [];
  const items: Array<{ title: string; depth: number }> = [];
  let depth = 0;
  for (const m of r.stdout.slice(start).matchAll(/<outline>|<\/outline>|<item[^>]*>([^<]*)<\/item>/g)) {
    if (m[0] === '<outline>') depth += 1;
    else if (m[0] === '</outline>') depth -= 1;
    else items.push({ title: m[1]!, depth });
  }
  return items;
}

/** Process ids whose command line mentions `text` (e.g. a unique user-data-dir), other than pgrep itself. */
export function processesMentioning(text: string): number[] {
  const r = spawnSync('pgrep', ['-f', '--', text], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(Number);
}

/** Wait until no process mentions `text`, up to `ms`; returns those left. */
export async function waitForNoProcesses(text: string, ms = 5000): Promise<number[]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = processesMentioning(text);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Processes of a process group that are still alive (zombies awaiting their reaper do not count). */
export function liveInGroup(pgid: number): string[] {
  const r = spawnSync('ps', ['-e', '-o', 'pgid=,stat=,pid=,args='], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => Number(f[0]) === pgid && !(f[1] ?? '').startsWith('Z'))
    .map((f) => f.slice(2).join(' '));
}
