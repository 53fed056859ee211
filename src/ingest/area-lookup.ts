/**
 * The LSOA code list of an area (config `area.lsoaCodes` as a file): one code per line, or an ONS lookup CSV.
 *
 * ONS publishes LSOA lookups with one row per LSOA and columns named by geography and year, e.g. "LSOA (2011) to
 * LSOA (2021) to Local Authority District (2022)": LSOA11CD, LSOA11NM, LSOA21CD, LSOA21NM, CHGIND, LAD22CD,
 * LAD22NM, LAD22NMW. police.uk used 2011 LSOA codes until its 2021-code switch, so a series spanning it needs
 * both: every LSOA code column of a row for the area is taken. A row is the area's when one of its
 * local-authority code columns (LADyyCD, LTLAyyCD, UTLAyyCD, CSPyyCD) is area.code, or one of its name columns is
 * one of the area's names (area.name, area.lsoaNamePrefix).
 */
const CODE_RE = /^[EW]0\d{7}$/;
const LSOA_COL = /^LSOA\d{2}CD$/i;
const LA_CODE_COL = /^(LAD|LTLA|UTLA|CSP)\d{2}CD$/i;
const LA_NAME_COL = /^(LAD|LTLA|UTLA|CSP)\d{2}NM$/i;

/** Split one CSV line on commas outside double quotes, unquoting fields. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** What a lookup gave: the codes, and (for an ONS lookup) how many rows matched and the local authorities seen. */
export interface LsoaList {
  codes: Set<string>;
  /** Undefined for a plain list; for an ONS lookup, the columns used and rows matched. */
  lookup?: { lsoaColumns: string[]; areaColumns: string[]; rows: number; authorities: string[] };
}

/** The area's LSOA codes from a code list or an ONS lookup (see the module comment). */
export function lsoaCodesFromText(text: string, area: { code: string; names: readonly string[] }): LsoaList {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsv(lines[0] ?? '');
  const lsoaCols = header.flatMap((h, i) => (LSOA_COL.test(h) ? [i] : []));
  const codeCols = header.flatMap((h, i) => (LA_CODE_COL.test(h) ? [i] : []));
  const nameCols = header.flatMap((h, i) => (LA_NAME_COL.test(h) ? [i] : []));
  const codes = new Set<string>();
  if (lsoaCols.length > 0 && codeCols.length + nameCols.length > 0) {
    const names = new Set(area.names.map((n) => n.toLowerCase()));
    const authorities = new Map<string, number>();
    let rows = 0;
    for (const line of lines.slice(1)) {
      if (line.trim() === '') continue;
      const f = splitCsv(line);
      // The authority as the lookup names it (else its code), for the message when none is the area's.
      const authority = [...nameCols, ...codeCols].map((i) => f[i] ?? '').find((x) => x !== '') ?? '';
      authorities.set(authority, (authorities.get(authority) ?? 0) + 1);
      const mine = codeCols.some((i) => f[i] === area.code) || nameCols.some((i) => names.has((f[i] ?? '').toLowerCase()));
      if (!mine) continue;
      rows++;
      for (const i of lsoaCols) if (CODE_RE.test(f[i] ?? '')) codes.add(f[i]!);
    }
    const by = [...authorities].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n);
    return { codes, lookup: { lsoaColumns: lsoaCols.map((i) => header[i]!), areaColumns: [...codeCols, ...nameCols].map((i) => header[i]!), rows, authorities: by } };
  }
  // One code per line, or a CSV whose first column is the code (a header line is not a code and is passed over).
  for (const line of lines) {
    const code = line.split(',')[0]?.trim().replace(/^"|"$/g, '') ?? '';
    if (CODE_RE.test(code)) codes.add(code);
  }
  return { codes };
}
