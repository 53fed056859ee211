/**
 * The data tables behind the documents, for analysts to reuse: derived from the JSON contract, written as CSV (one
 * file per table) and as one accessible spreadsheet (Cover, Contents, Notes, one table per sheet), with the GSS
 * symbols in place of figures that are not shown.
 *
 *   const tables = assessmentTables(assessment);
 *   await writeCsvTables(csvFolder(out, 'assessment'), tables);    // out/assessment-data/<id>.csv
 *   await writeXlsx(join(out, 'assessment-data.xlsx'), assessmentMeta(assessment, { contact }), tables);
 */
export { assessmentTables, headingWithUnit, reportTables, symbolAt, type CellValue, type DataTable, type GssSymbol, type TableColumn } from './tables.js';
export { csvColumns, csvField, csvFolder, csvNumber, tableToCsv, writeCsvTables, type CsvOptions } from './csv.js';
export { assessmentMeta, reportMeta, sheetNameOf, sourcesOf, workbookTime, writeXlsx, xlsxBytes, type MetaOptions, type XlsxMeta } from './xlsx.js';
export { readZip, readZipText, setZipTimestamps, type ZipEntry } from './zip.js';
export { tablesJson } from './datapackage.js';
export { needsMeta, needsTables } from './needs-tables.js';
export { stackTables } from './stack.js';
