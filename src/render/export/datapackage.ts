/**
 * tables.json: what each CSV file's columns are, so a script or a BI tool types them without guessing. It is a
 * Frictionless Data Package (https://specs.frictionlessdata.io/data-package/, profile tabular-data-package): one
 * resource per CSV, with a Table Schema whose field names are the CSV's header texts, their types (integer,
 * number, date, string), and the missing-value markers (the GSS symbols, or "" with --csv-blanks).
 */
import { GSS } from '../format.js';
import { csvColumns, isNumeric, type CsvOptions } from './csv.js';
import type { DataTable, TableColumn } from './tables.js';

type FieldType = 'integer' | 'number' | 'date' | 'string';

interface Field {
  name: string;
  title: string;
  type: FieldType;
  description?: string;
}

function fieldType(c: TableColumn): FieldType {
  if (c.type === 'date') return 'date';
  if (!isNumeric(c)) return 'string';
  return c.decimals === 0 ? 'integer' : 'number';
}

/** The fields of one CSV, in its column order (status columns of --csv-blanks are strings). */
function fields(t: DataTable, options: CsvOptions): Field[] {
  const written = csvColumns(t, options);
  let w = 0;
  return t.columns.flatMap((c): Field[] => {
    const own: Field = { name: written[w++]!.header, title: c.heading, type: fieldType(c), ...(c.unit ? { description: `Unit: ${c.unit}` } : {}) };
    if (options.symbols !== 'column' || !isNumeric(c)) return [own];
    const status: Field = { name: written[w++]!.header, title: `${c.heading}: why no figure is shown`, type: 'string', description: `${GSS.suppressed} confidential, ${GSS.notAvailable} not available, ${GSS.notApplicable} not applicable` };
    return [own, status];
  });
}

/** The data package describing `tables` as written to `<id>.csv` in one folder. */
export function tablesJson(title: string, tables: DataTable[], options: CsvOptions = {}): string {
  const missingValues = options.symbols === 'column' ? [''] : ['', GSS.suppressed, GSS.notAvailable, GSS.notApplicable];
  const pkg = {
    profile: 'tabular-data-package',
    name: 'swp-data-tables',
    title,
    resources: tables.map((t) => ({
      profile: 'tabular-data-resource',
      name: t.id.toLowerCase(),
      path: `${t.id}.csv`,
      title: t.title,
      description: t.description,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8-sig',
      dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
      schema: { fields: fields(t, options), missingValues },
    })),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
