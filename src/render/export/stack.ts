/**
 * Stack the same tables of several documents (the areas of an --all-areas batch) into one table each, so an analyst
 * loads one file per table instead of one per area. Every row already starts with the area's code and name
 * (tables.ts), so stacked rows stay told apart. A column one area's table lacks is [x] in that area's rows; tables
 * come out in the order they first appear.
 */
import { GSS } from '../format.js';
import type { CellValue, DataTable, GssSymbol, TableColumn } from './tables.js';

/** The union of the tables' columns, by key, in the order they first appear. */
function unionColumns(tables: DataTable[]): TableColumn[] {
  const byKey = new Map<string, TableColumn>();
  for (const t of tables) for (const c of t.columns) if (!byKey.has(c.key)) byKey.set(c.key, c);
  return [...byKey.values()];
}

/** One table from several of the same id: rows of each, in order, under the union of their columns. */
function stackOne(tables: DataTable[]): DataTable {
  const columns = unionColumns(tables);
  const rows: CellValue[][] = [];
  const symbols: (GssSymbol | null)[][] = [];
  for (const t of tables) {
    const at = columns.map((c) => t.columns.findIndex((own) => own.key === c.key));
    for (let r = 0; r < t.rows.length; r++) {
      rows.push(at.map((k) => (k < 0 ? null : t.rows[r]![k]!)));
      symbols.push(at.map((k) => (k < 0 ? GSS.notAvailable : t.symbols[r]![k]!)));
    }
  }
  const first = tables[0]!;
  return { ...first, description: `${first.description} All areas of the batch, one after another.`, columns, rows, symbols };
}

/** Each area's tables, stacked by table id. */
export function stackTables(perArea: DataTable[][]): DataTable[] {
  const byId = new Map<string, DataTable[]>();
  for (const tables of perArea) for (const t of tables) byId.set(t.id, [...(byId.get(t.id) ?? []), t]);
  return [...byId.values()].map(stackOne);
}
