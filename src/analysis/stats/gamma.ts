/**
 * The regularised incomplete gamma function and its inverse, for the chi-squared quantile behind the exact Poisson
 * (Garwood) limits and the funnel-plot / peer-group control limits.
 *
 * Why not @stdlib: its `gammainc` (0.3.1, a port of Boost's `igamma_final`) evaluates Q(a, x) for x > 1000 and a < x
 * with the large-x asymptotic series (DLMF 8.11.2) started at (a) instead of (a − 1) — Boost's
 * `incomplete_tgamma_large_x_series` starts its Pochhammer term at `a - 1`. Every upper-tail chi-squared quantile
 * with x > 2000 came out high: qchisq(0.975, 13000) = 13318.25 where the true value is 13317.92 (CDF there 0.97512).
 *
 * Method: Numerical Recipes, 3rd ed. (Press et al. 2007), §6.2 — the series for P(a, x) when x < a + 1 and Legendre's
 * continued fraction for Q(a, x) (modified Lentz) otherwise — with the common factor x^a·e^(−x)/Γ(a) computed as
 * √(a/2π)·e^(−a·φ(x/a))/Γ*(a), φ(λ) = λ − 1 − ln λ, as Temme (1979) and DiDonato & Morris (1986, ACM TOMS 12:377)
 * write it, so that no digits cancel when a and x are large. The quantile: NR §6.2.1 (`invgammp`): a starting value
 * (Wilson–Hilferty for a > 1), then Halley steps on whichever of P or Q is the smaller tail.
 */

const LN_SQRT_2PI = 0.9189385332046728; // ln √(2π)
const EPS = 1e-16;
const MAX_TERMS = 1_000_000;

/** ln(1 + s) − s without cancellation for |s| ≤ ½: ln(1+s) = 2·atanh(u), u = s/(2+s), and s − 2u = s²/(2+s). */
function log1pmx(s: number): number {
  if (Math.abs(s) > 0.5) return Math.log1p(s) - s;
  const u = s / (2 + s);
  const u2 = u * u;
  let term = 2 * u * u2;
  let sum = 0;
  for (let k = 3; Math.abs(term / k) > EPS * Math.abs(sum) || sum === 0; k += 2) {
    sum += term / k;
    term *= u2;
    if (term === 0) break;
  }
  return sum - (s * s) / (2 + s);
}

/** ln Γ*(a) = ln Γ(a) − [(a − ½)·ln a − a + ln √(2π)], Stirling's series (Bernoulli numbers), for a ≥ 10. */
function lnGammaStar(a: number): number {
  // B₂ₖ / (2k(2k − 1)) for k = 1…8; at a = 10 the next term is below 1e-17.
  const c = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];
  const r = 1 / (a * a);
  let sum = 0;
  for (let k = c.length - 1; k >= 0; k--) sum = sum * r + c[k]!;
  return sum / a;
}

/** ln Γ(a) for a > 0: Stirling's series after shifting a up to at least 10 (Γ(a) = Γ(a + n) / (a(a+1)…(a+n−1))). */
export function lnGamma(a: number): number {
  let shift = 0;
  let b = a;
  while (b < 10) {
    shift += Math.log(b);
    b += 1;
  }
  return (b - 0.5) * Math.log(b) - b + LN_SQRT_2PI + lnGammaStar(b) - shift;
}

/** ln of x^a·e^(−x)/Γ(a), the factor in front of both the series and the continued fraction. */
function lnPrefix(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - lnGamma(a);
  const s = (x - a) / a;
  // a·φ(λ) with λ = x/a: −a·log1pmx(λ − 1), computed without forming ln x − ln a.
  const aPhi = -a * log1pmx(s);
  return -aPhi + 0.5 * Math.log(a) - LN_SQRT_2PI - lnGammaStar(a);
}

/** Σ xⁿ / ((a+1)…(a+n)), n ≥ 0: P(a, x) = prefix · sum / a (NR 6.2.5). */
function lowerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPS) return sum;
  }
  throw new Error(`incomplete gamma series did not converge (a = ${a}, x = ${x})`);
}

/** Legendre's continued fraction for Q(a, x) / prefix, by the modified Lentz method (NR 6.2.7). */
function upperFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  throw new Error(`incomplete gamma continued fraction did not converge (a = ${a}, x = ${x})`);
}

/**
 * Regularised incomplete gamma, both tails: p = P(a, x) = γ(a, x)/Γ(a) and q = Q(a, x) = 1 − p. The tail computed
 * directly (p by the series when x < a + 1, else q by the fraction) keeps its relative precision when it is tiny.
 */
export function gammaIncomplete(a: number, x: number): { p: number; q: number } {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`gammaIncomplete needs a > 0 and x ≥ 0 (a = ${a}, x = ${x})`);
  if (x === 0) return { p: 0, q: 1 };
  if (x === Infinity) return { p: 1, q: 0 };
  const prefix = lnPrefix(a, x);
  if (x < a + 1) {
    const p = Math.exp(prefix + Math.log(lowerSeries(a, x) / a));
    return { p, q: 1 - p };
  }
  const q = Math.exp(prefix + Math.log(upperFraction(a, x)));
  return { p: 1 - q, q };
}

/** A starting value for the gamma quantile (NR §6.2.1 `invgammp`): Wilson–Hilferty for a > 1, else a tail form. */
function startingValue(a: number, p: number, lnGammaA: number): number {
  if (a > 1) {
    // Abramowitz & Stegun 26.2.23 normal deviate for the lower tail p, then Wilson–Hilferty (A&S 26.4.17).
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const x = a * (1 - 1 / (9 * a) - z / (3 * Math.sqrt(a))) ** 3;
    // (A&S's z is the upper-tail deviate; NR flips the sign as here.)
    return x > 0 ? x : Math.exp((Math.log(p * a) + lnGammaA) / a);
  }
  const t = 1 - a * (0.253 + a * 0.12);
  return p < t ? (p / t) ** (1 / a) : 1 - Math.log(1 - (p - t) / (1 - t));
}

/**
 * The gamma quantile: the x with P(a, x) = p (unit scale), by Halley's method on the smaller tail (NR §6.2.1).
 * The chi-squared quantile with df degrees of freedom is 2·gammaQuantile(p, df/2).
 */
export function gammaQuantile(p: number, a: number): number {
  if (!(a > 0) || !(p >= 0 && p <= 1)) throw new RangeError(`gammaQuantile needs a > 0 and 0 ≤ p ≤ 1 (a = ${a}, p = ${p})`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const lnGammaA = lnGamma(a);
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  let x = startingValue(a, p, lnGammaA);
  if (!(x > 0) || !Number.isFinite(x)) return x > 0 ? x : 0; // underflow: the quantile is below the smallest double
  for (let i = 0; i < 100; i++) {
    const { p: pl, q } = gammaIncomplete(a, x);
    // f(x) = tail(x) − target; the density is prefix/x, with the sign of d(tail)/dx.
    const err = upper ? target - q : pl - target;
    const density = Math.exp(lnPrefix(a, x)) / x;
    if (density === 0) break;
    const t = err / density;
    // Halley: f''/f' = (a − 1)/x − 1 for the density of the gamma distribution.
    const step = t / (1 - 0.5 * Math.min(1, t * ((a - 1) / x - 1)));
    const next = x - step;
    x = next <= 0 ? 0.5 * x : next;
    if (Math.abs(step) < 1e-15 * x) break;
  }
  return x;
}

/** Chi-squared quantile, R `qchisq(p, df)` (df > 0). */
export function chisqQuantile(p: number, df: number): number {
  return 2 * gammaQuantile(p, df / 2);
}
