#!/usr/bin/env node
// Thin shim: everything lives in run(), which returns the exit code (see src/cli/run.ts).
// Ctrl-C or SIGTERM at any stage: close any browser, remove temporary files, exit 130 (src/pdf/signals.ts; it does
// not load puppeteer).
import { installSignalHandlers } from '../dist/pdf/signals.js';
import { run } from '../dist/cli/run.js';

// A reader that stops early (`swp assess --help | head -2`) closes the pipe: that is not an error, so end quietly
// rather than with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
installSignalHandlers({ onSignal: (signal) => process.stderr.write(`\ninterrupted (${signal}): temporary files removed, browser closed\n`) });
process.exitCode = await run(process.argv.slice(2));
