#!/usr/bin/env node
// Thin shim: everything lives in run(), which returns the exit code (see src/cli/run.ts).
import { run } from '../dist/cli/run.js';

process.exitCode = await run(process.argv.slice(2));
