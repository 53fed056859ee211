// scripts/lib/synth.mjs: the pieces shared by the two seeded data generators, scripts/generate-demo.mjs (the demo
// workspace) and bench/generate.mjs (the benchmark's police.uk trees). Plain Node ESM, no dependencies.
//
// Kept in one place so that the two generators cannot drift apart. Both promise the same bytes for the same seed,
// so nothing here may change its output: any change alters data/demo and every benchmark tree (bump the bench's
// GENERATOR_VERSION and regenerate the demo if it ever has to).

import fs from 'node:fs';
import path from 'node:path';

// ---------------------------------------------------------------- seeded random numbers
//
// Math.random cannot be seeded, so: xmur3 hashes a string key to 32-bit seeds and sfc32 is a small, fast generator
// with 128 bits of state. Each stream is keyed by the seed and a name (e.g. "crime|C|2015-07"), so one part
// of the output can change without disturbing the draws of the others.

function xmur3(str) {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

function sfc32(a, b, c, d) {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return r >>> 0;
  };
}

/** A seeded stream of random numbers: `new Rng(seed, key)` gives the same draws for the same seed and key. */
export class Rng {
  constructor(seed, key) {
    const h = xmur3(`${seed}|${key}`);
    this.u32 = sfc32(h(), h(), h(), h());
    for (let i = 0; i < 12; i++) this.u32(); // warm up
  }
  next() { return this.u32() / 4294967296; }
  int(n) { return Math.floor(this.next() * n); }
  between(lo, hi) { return lo + (hi - lo) * this.next(); }
  normal() {
    const u = 1 - this.next(); // (0, 1]
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** a lognormal factor with mean 1 */
  lognormal(sd) { return Math.exp(sd * this.normal() - (sd * sd) / 2); }
  poisson(lambda) {
    if (lambda <= 0) return 0;
    if (lambda < 40) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) { k++; p *= this.next(); }
      return k;
    }
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
  }
  binomial(n, p) {
    if (n < 60) {
      let k = 0;
      for (let i = 0; i < n; i++) if (this.next() < p) k++;
      return k;
    }
    const mean = n * p;
    return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal())));
  }
  pick(arr) { return arr[this.int(arr.length)]; }
  /** index into a cumulative-weight array (last element = total), as made by cumulative() */
  weighted(cum) {
    const x = this.next() * cum[cum.length - 1];
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid; else lo = mid + 1;
    }
    return lo;
  }
  /** 64 lowercase hex digits, the shape of a police.uk Crime ID */
  hex64() {
    let s = '';
    for (let i = 0; i < 8; i++) s += this.u32().toString(16).padStart(8, '0');
    return s;
  }
  /** Fisher-Yates, in place */
  shuffle(arr) {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  }
}

/** Running totals of `weights` (not normalised), for Rng.weighted. */
export function cumulative(weights) {
  const cum = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) { s += weights[i]; cum[i] = s; }
  return cum;
}

/** Code-unit order: sorts the same everywhere, unlike localeCompare (whose order depends on the ICU build and locale). */
export const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------- police.uk street-level files and CSV

/** The header of a police.uk street-level file, as published. */
export const POLICE_UK_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

/** One CSV field, quoted (quotes doubled) only when it holds a quote, comma or line break (RFC 4180). */
export function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export const csvLine = (fields) => fields.map(csvField).join(',');

/** Write a file, creating its directory; returns its size in bytes. */
export function writeFile(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}
