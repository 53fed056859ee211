/**
 * The rank of a matrix by Gaussian elimination, for the disclosure audits: a hidden cell (or sum of hidden cells)
 * can be worked out from the published figures exactly when adding its row to their equations does not raise the
 * rank. Written here, apart from src, so the audits do not trust the code they check.
 */
export function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let p = r;
    while (p < m.length && Math.abs(m[p]![c]!) < 1e-9) p++;
    if (p === m.length) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f !== 0) for (let j = c; j < cols; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return r;
}
