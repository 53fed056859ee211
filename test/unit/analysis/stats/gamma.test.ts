import { describe, expect, it } from 'vitest';

import { funnelCountLimits } from '../../../../src/analysis/stats/funnel.js';
import { chisqQuantile, gammaIncomplete, gammaQuantile, lnGamma } from '../../../../src/analysis/stats/gamma.js';
import { qchisq } from '../../../../src/analysis/stats/internal.js';
import { expectClose } from './helpers.js';

/*
 * Oracle: scipy 1.17 (chi2.ppf), cross-checked with mpmath 1.3 at 50 digits (Newton on
 * mpmath.gammainc(df/2, 0, x/2, regularized=True) = p), which agreed with scipy to < 2e-14 on every row.
 * The bug this guards: @stdlib's quantile gave qchisq(0.975, 13000) = 13318.25 (true 13317.92) — every upper-tail
 * quantile above 2000 was high by about 0.33 (relative errors 3e-7 … 2e-4, far outside 1e-9).
 */
const REL = 1e-9;

// python3 -c "from scipy.stats import chi2; [print([d]+[float(chi2.ppf(p,d)) for p in [0.001,0.025,0.975,0.999]]) for d in [0.2,0.5,1,2,3,5,10,20,50,100,200,500,1000,2000,2500,5000,10000,13000,100000,1000000]]"
const QUANTILES: Array<[df: number, p001: number, p025: number, p975: number, p999: number]> = [
  [0.2, 1.2146096724815738e-30, 1.1583420491042941e-16, 1.9558095988377058, 6.727354023437507],
  [0.5, 1.3499395786230753e-12, 5.273202591259991e-07, 3.433235299960771, 8.752888515773373],
  [1, 1.5707971492624921e-06, 0.0009820691171752555, 5.023886187314888, 10.827566170662733],
  [2, 0.002001000667167068, 0.05063561596857975, 7.377758908227871, 13.815510557964274],
  [3, 0.024297585815692732, 0.21579528262389785, 9.348403604496148, 16.26623619623813],
  [5, 0.2102126026292192, 0.8312116134866625, 12.832501994030027, 20.515005652432873],
  [10, 1.4787434638356647, 3.2469727802368413, 20.483177350807388, 29.58829844507442],
  [20, 5.92104074548752, 9.590777392264867, 34.16960690283833, 45.31474661812586],
  [50, 24.67390527187726, 32.357363695658655, 71.42019518750642, 86.66081519040317],
  [100, 61.91793920693662, 74.22192747492373, 129.5611971858366, 149.44925277903886],
  [200, 143.8427949900008, 162.72798250184627, 241.05789550631093, 267.5405278227572],
  [500, 407.9469607459992, 439.9359912618746, 563.8515293442852, 603.4460057951776],
  [1000, 867.479082607277, 914.257153799259, 1089.5309127749135, 1143.9170926196791],
  [2000, 1810.2415818699533, 1877.9460368153905, 2125.8423024497756, 2201.156196586629],
  [2500, 2287.1742372897443, 2363.313540527577, 2640.4748532523568, 2724.223861723454],
  [5000, 4696.667381735799, 4805.904730862248, 5197.883771923797, 5314.731358301196],
  [10000, 9568.668495093969, 9724.718377389798, 10279.07017988759, 10442.730565410178],
  [13000, 12507.409150238856, 12685.863854227995, 13317.92471562321, 13503.98998421501],
  [100000, 98623.7038163696, 99125.37330064735, 100878.41530566558, 101387.69553252945],
  [1000000, 995635.4506315956, 997230.0871432901, 1002773.701467926, 1004375.9487461417],
];

// Exact Poisson (Garwood) limits on a count k: lower = qchisq(α/2, 2k)/2, upper = qchisq(1 − α/2, 2k + 2)/2.
// python3 -c "from scipy.stats import chi2; [print([k, float(chi2.ppf(0.025,2*k)/2) if k else 0.0, float(chi2.ppf(0.975,2*k+2)/2), float(chi2.ppf(0.001,2*k)/2) if k else 0.0, float(chi2.ppf(0.999,2*k+2)/2)]) for k in [0,1,2,5,9,10,50,100,499,500,1000,5000,6500,10000,100000,1000000]]"
const POISSON: Array<[k: number, lo95: number, hi95: number, lo998: number, hi998: number]> = [
  [0, 0.0, 3.6888794541139354, 0.0, 6.907755278982137],
  [1, 0.025317807984289876, 5.571643390938898, 0.001000500333583534, 9.233413476451585],
  [2, 0.24220927854396496, 7.22468766772396, 0.045402017769489544, 11.228872242412661],
  [5, 1.6234863901184207, 11.66833207932267, 0.7393717319178323, 16.454745203680105],
  [9, 4.115373097378334, 17.084803451419166, 2.452424404363775, 22.65737330906293],
  [10, 4.7953886961324335, 18.39035604201778, 2.96052037274376, 24.13397114541759],
  [50, 37.110963737461866, 65.91876666433681, 30.95896960346831, 75.94189199210048],
  [100, 81.36399125092314, 121.62679379242638, 71.9213974950004, 134.92431906126444],
  [499, 456.17243238097126, 544.7654563874568, 432.8086641136976, 571.9585463098396],
  [500, 457.1285768996295, 545.8092685651714, 433.7395413036385, 573.027603256997],
  [1000, 938.9730184076952, 1063.952136016302, 905.1207909349766, 1101.6269438790305],
  [5000, 4862.359188694899, 5140.5489485350045, 4784.334247546984, 5222.387132561199],
  [6500, 6342.9319271139975, 6659.9745126904145, 6253.704575119428, 6753.014155978244],
  [10000, 9804.952467260184, 10197.951624661473, 9693.824385823726, 10312.890675209363],
  [100000, 99381.15266374472, 100621.74473974388, 99025.63189050092, 100981.07267802989],
  [1000000, 998040.9833402939, 1001961.9119454322, 996912.6173198152, 1003094.0839149702],
];

// P(a, x) and Q(a, x), mpmath at 40 digits:
// python3 -c "import mpmath as mp; mp.mp.dps=40; [print([a, x, mp.nstr(mp.gammainc(a,0,x,regularized=True),17), mp.nstr(mp.gammainc(a,x,mp.inf,regularized=True),17)]) for a,x in [(0.5,1e-6),(1,1),(5,2),(5,12),(100,90),(100,130),(6500,6658.962357706296),(6500,6659.125199706296),(6500,6000),(500000,501000),(1000001,1001500),(3,40)]]"
const INCOMPLETE: Array<[a: number, x: number, p: number, q: number]> = [
  [0.5, 1e-6, 0.0011283787909692364, 0.99887162120903076],
  [1, 1, 0.63212055882855768, 0.36787944117144232],
  [5, 2, 0.052653017343711157, 0.94734698265628884],
  [5, 12, 0.992399609318933, 0.0076003906810669955],
  [100, 90, 0.15822098918643017, 0.84177901081356983],
  [100, 130, 0.99724959163269347, 0.0027504083673065263],
  [6500, 6658.962357706296, 0.97499999992487784, 0.025000000075122163],
  // x = @stdlib's qchisq(0.975, 13000)/2: its true CDF is 0.97512, not 0.975.
  [6500, 6659.125199706296, 0.97511593581519751, 0.024884064184802494],
  [6500, 6000, 9.8196809310091398e-11, 0.99999999990180319],
  [500000, 501000, 0.92128133861387037, 0.078718661386129633],
  [1000001, 1001500, 0.93300923255386383, 0.06699076744613617],
  [3, 40, 0.99999999999999643, 3.5728659287002263e-15],
];

describe('chi-squared quantile (own incomplete gamma, NR §6.2)', () => {
  const ps = [0.001, 0.025, 0.975, 0.999];
  it.each(QUANTILES)('df = %s at p = 0.001, 0.025, 0.975, 0.999', (df, ...expected) => {
    ps.forEach((p, i) => expectClose(qchisq(p, df), expected[i]!, REL));
    ps.forEach((p, i) => expectClose(chisqQuantile(p, df), expected[i]!, REL));
  });

  it('qchisq(0.975, 13000) is 13317.92…, not 13318.25', () => {
    expect(qchisq(0.975, 13000)).toBeCloseTo(13317.9247156, 6);
  });

  it('keeps R conventions at the edges: df = 0 gives 0, p = 0 gives 0, p = 1 gives Infinity', () => {
    expect(qchisq(0.5, 0)).toBe(0);
    expect(gammaQuantile(0, 3)).toBe(0);
    expect(gammaQuantile(1, 3)).toBe(Infinity);
  });
});

describe('exact Poisson limits through qchisq (Garwood; APHO TB2 funnel limits)', () => {
  it.each(POISSON)('count %s', (k, lo95, hi95, lo998, hi998) => {
    const a = funnelCountLimits(k, 0.95);
    const b = funnelCountLimits(k, 0.998);
    if (k > 0) expectClose(a.lower, lo95, REL);
    expectClose(a.upper, hi95, REL);
    if (k > 0) expectClose(b.lower, lo998, REL);
    expectClose(b.upper, hi998, REL);
    if (k === 0) expect([a.lower, b.lower]).toEqual([0, 0]);
  });
});

describe('regularised incomplete gamma', () => {
  it.each(INCOMPLETE)('P and Q at a = %s, x = %s', (a, x, p, q) => {
    const got = gammaIncomplete(a, x);
    // The tail computed directly keeps its relative precision; the other is 1 − it, exact to ~1e-16 absolute.
    if (p <= q) expectClose(got.p, p, REL);
    else expectClose(got.q, q, REL);
    expect(Math.abs(got.p - p)).toBeLessThan(1e-15);
    expect(Math.abs(got.q - q)).toBeLessThan(1e-15);
  });

  it('keeps the far lower tail at 10 million degrees of freedom (where scipy 1.17 is off by 7e-8 relative)', () => {
    // mpmath's gammainc does not converge here, so P is the series summed at 40 digits, and the quantile Newton's
    // method on it from scipy's value (9968573.830794679):
    //   P(x) = exp(a·ln x − x − lnΓ(a+1)) · Σₙ xⁿ/((a+1)…(a+n)), a = 5e6, to 1e-35 relative → P(9968573.147172952/2) =
    //   1.00000000000016e-12; the root of P(x/2) = 1e-12 is x = 9968573.1471729519695.
    expectClose(gammaIncomplete(5e6, 9968573.147172952 / 2).p, 1.00000000000016e-12, REL);
    expectClose(qchisq(1e-12, 1e7), 9968573.1471729519695, REL);
  });

  it('ln Γ agrees with known values (Γ(0.5) = √π, 10! and Stirling at 1e6 from mpmath.loggamma)', () => {
    expectClose(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expectClose(lnGamma(11), Math.log(3628800), 1e-14);
    // python3 -c "import mpmath as mp; mp.mp.dps=30; print(mp.nstr(mp.loggamma(10**6),20))"
    expectClose(lnGamma(1e6), 12815504.569147612, 1e-15);
  });
});
