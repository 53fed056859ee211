/**
 * What every command shares, in a module of its own so that command modules never import run.ts (which imports
 * them): the command context, swp's version and the usage error.
 */
import { ExitCode, SwpError } from '../model/errors.js';
import type { Printer, Streams } from './io.js';

/** Options every command accepts. */
export interface GlobalOptions {
  workspace: string;
  out?: string;
  quiet: boolean;
  debug: boolean;
  color: boolean;
}

/** The context handed to each command implementation. */
export interface CommandContext {
  global: GlobalOptions;
  printer: Printer;
  io: Streams;
  /** Absolute workspace folder. */
  workspace: string;
}

export { VERSION } from '../model/version.js';

/** A USAGE error for a bad flag value, in the same shape as every other error. */
export function usageError(message: string, flag: string, expected: string, found: string, hint: string): SwpError {
  return new SwpError(ExitCode.USAGE, { message, keyPath: flag, expected, found, hint });
}

