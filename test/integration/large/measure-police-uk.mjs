// Child process for memory.test.ts: read one police.uk street file with the BUILT reader (dist/) and print one JSON
// line with the peak resident set size and the tallies (or the located problems of an SwpError).
//
//   node measure-police-uk.mjs <dist/ingest/formats/police-uk.js> <file> <options-json>
//
// Plain ESM so that it runs without a TypeScript loader; a separate process so that maxRSS is this read alone,
// not vitest's workers and fast-check's heap.
import { pathToFileURL } from 'node:url';

const [modulePath, file, optionsJson] = process.argv.slice(2);
let readPoliceUk;
try {
  ({ readPoliceUk } = await import(pathToFileURL(modulePath).href));
} catch (e) {
  // A half-finished build (another engineer mid-edit): say so rather than print nothing.
  process.stdout.write(`${JSON.stringify({ ok: false, importError: String(/** @type {any} */ (e)?.message ?? e) })}\n`);
  process.exit(0);
}
const options = JSON.parse(optionsJson ?? '{}');
if (Array.isArray(options.area?.lsoaCodes)) options.area.lsoaCodes = new Set(options.area.lsoaCodes);

const out = { ok: false };
try {
  const { data, summaries } = await readPoliceUk([file], options);
  Object.assign(out, { ok: true, tally: data.tally, months: data.byMonth.size, lsoas: data.byLsoa.size, summaries });
} catch (e) {
  const err = /** @type {any} */ (e);
  Object.assign(out, { errorName: err?.name, code: err?.code, message: err?.message, problems: err?.problems, omitted: err?.omitted });
}
// maxRSS is in kilobytes (kibibytes) on Linux.
out.maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify(out)}\n`);
