/**
 * The CLI: a command table over commander. Parses argv, calls the pipeline, prints, and maps errors to exit codes.
 * `run(argv)` is what bin/swp.js and the tests call; it never calls process.exit. Commands import their stage
 * lazily so `swp --help` loads only commander (marp-cli and changesets do the same).
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILES } from '../ingest/config-files.js';
import { ExitCode, SwpError, type ExitCodeValue } from '../model/errors.js';
import { VERSION, type CommandContext, type GlobalOptions } from './context.js';
import { Printer, type Streams } from './io.js';

const defaultStreams = (): Streams => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

/**
 * Run swp with the given arguments (without `node` and the script path) and return the exit code.
 */
export async function run(argv: readonly string[], io: Streams = defaultStreams()): Promise<ExitCodeValue> {
  // --debug must work even when option parsing fails, so look for it before commander does (marp-cli's prepare.ts).
  const debug = argv.includes('--debug') || io.env.SWP_DEBUG === '1';
  const quiet = argv.includes('--quiet') || argv.includes('-q');
  const printer = new Printer(io, { quiet, debug, color: !argv.includes('--no-color') });
  let action: Promise<ExitCodeValue> | undefined;
  const program = createProgram(io);
  addCommands(program, io, (cmd, work) => {
    action = work(commandContext(cmd, io, printer));
  });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return action ? await action : ExitCode.OK;
  } catch (e) {
    return handleError(e, printer, debug);
  }
}

/** Starts a command's work with its context; the run awaits it once commander has parsed the arguments. */
type Start = (cmd: Command, work: (ctx: CommandContext) => Promise<ExitCodeValue>) => void;

/** swp itself: the global options, help and version; commands are added by addCommands. */
function createProgram(io: Streams): Command {
  return new Command('swp')
    .description('Write the statutory documents of a Community Safety Partnership from official CSV exports.')
    .version(VERSION, '-V, --version')
    .option('-w, --workspace <dir>', 'workspace folder holding swp.config.yaml', '.')
    .option('-o, --out <dir>', 'output folder for documents (default: <workspace>/out)')
    .option('-q, --quiet', 'print only warnings and errors', false)
    .option('--debug', 'print debug logs and stack traces', false)
    .option('--no-color', 'no colour in messages (NO_COLOR is honoured too)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  swp init my-csp                     create a workspace to fill with CSV exports
  swp validate -w my-csp              check every input and the config
  swp assess -w my-csp                the annual strategic assessment (PDF)
  swp report -w my-csp --quarter 2016/17-Q3
                                      the quarterly board performance report
  swp priorities -w my-csp            rank candidate priorities by weighted criteria
  swp needs-assessment -w my-csp      the Serious Violence Duty strategic needs assessment

Exit codes: 0 ok, 1 internal error, 2 usage, 3 invalid input data, 4 invalid config,
            5 browser or rendering failure, 6 warnings with --fail-on-warnings,
            7 the output folder cannot be written, 130 interrupted.`,
    );
}

/** The context of a command: its global options, the printer and the workspace folder. */
function commandContext(cmd: Command, io: Streams, printer: Printer): CommandContext {
  const g = cmd.optsWithGlobals() as GlobalOptions;
  // Without --workspace, the workspace is the nearest folder up from here that holds a config (as git finds its
  // repository), so `swp report` works from the workspace's out/ or crime/ folder too.
  const given = cmd.getOptionValueSourceWithGlobals('workspace') === 'cli';
  return { global: g, printer, io, workspace: given ? resolve(io.cwd, g.workspace) : nearestWorkspace(io.cwd) };
}

/** The command table. Each command's flags are parsed by its own module (src/cli/options.ts), loaded when it runs. */
function addCommands(program: Command, io: Streams, start: Start): void {
  program
    .command('init')
    .description('create a workspace: swp.config.yaml, input folders and a README of what goes where')
    .argument('[dir]', 'folder to create or fill', '.')
    .option('--force', 'overwrite an existing swp.config.yaml', false)
    .option('--partnership <name>', 'partnership name for the config')
    .option('--area <name>', 'local authority name as in police.uk LSOA names')
    .option('--code <code>', 'ONS local-authority code, e.g. E08000031')
    .option('--templates', 'copy the default document templates into <dir>/templates for editing', false)
    .addHelpText('after', '\nExamples:\n  swp init castlebridge-csp\n  swp init wolves --area Wolverhampton --code E08000031\n  swp init --templates          copy the templates into an existing workspace\n')
    .action((dir: string, flags: unknown, cmd: Command) => start(cmd, (ctx) => import('./commands/init.js').then((m) => m.initCommand(ctx, resolve(io.cwd, dir), flags))));

  program
    .command('validate')
    .description('check the config and every input file, and print what was found')
    .option('--fail-on-warnings', 'exit 6 if there were warnings', false)
    .addHelpText('after', '\nExamples:\n  swp validate --workspace data/demo\n  swp validate -w my-csp --fail-on-warnings\n')
    .action((flags: unknown, cmd: Command) => start(cmd, (ctx) => import('./commands/validate.js').then((m) => m.validateCommand(ctx, flags))));

  addAssess(program, start);
  addReport(program, start);
  addNeedsAssessment(program, start);

  program
    .command('priorities')
    .description('score and rank candidate priorities with the weighted criteria in the config')
    .option('--year <yyyy/yy>', 'financial year (default: the latest complete year in the data)')
    .addOption(new Option('--format <format>', 'table, json or csv').choices(['table', 'json', 'csv']).default('table'))
    .addHelpText('after', '\nExamples:\n  swp priorities -w data/demo\n  swp priorities -w data/demo --format csv > priorities.csv\n')
    .action((flags: unknown, cmd: Command) => start(cmd, (ctx) => import('./commands/priorities.js').then((m) => m.prioritiesCommand(ctx, flags))));
}

const formatOption = () => new Option('--format <list>', 'outputs to write, comma-separated: pdf, html, json, csv, xlsx').default('pdf');

/** What every document command writes and when it is dated: --format, --date, --stdout (assess, report, needs-assessment). */
function outputOptions(cmd: Command): Command {
  return cmd
    .addOption(formatOption())
    .option('--date <yyyy-mm-dd>', '"data as at" date (default: SOURCE_DATE_EPOCH, else today)')
    .option('--stdout', 'print the JSON to stdout', false);
}

/** How every document command prints and fails: --browser, --timeout, --csv-blanks, --fail-on-warnings. */
function printOptions(cmd: Command): Command {
  return cmd
    .option('--browser <path>', 'Chrome or Chromium to print with (default: SWP_BROWSER, puppeteer\'s Chrome, then the system\'s)')
    .option('--timeout <seconds>', 'page render timeout in seconds (0 = none)', '60')
    .option('--csv-blanks', 'in the CSV files, leave numeric cells empty where no figure is shown and put the symbol ([c], [x], [z]) in a status column', false)
    .option('--fail-on-warnings', 'exit 6 if there were warnings', false);
}

function addAssess(program: Command, start: Start): void {
  const cmd = program
    .command('assess')
    .description('write the annual strategic assessment for a financial year')
    .option('--year <yyyy/yy>', 'financial year, e.g. 2016/17 (default: the latest complete year in the data)');
  outputOptions(cmd)
    .option('--public-summary', 'also write the public summary (no partner-only content)', false)
    .option('--all-areas', 'write the documents for every local authority in the population file, each in its own folder', false)
    .option('--areas <list>', 'as --all-areas, for these areas only (names or ONS codes, comma-separated)')
    .option('--jobs <n>', 'documents printed at the same time in a batch (one browser)', '2');
  printOptions(cmd)
    .addHelpText('after', '\nExamples:\n  swp assess -w data/demo\n  swp assess -w data/demo --year 2015/16 --format pdf,html,json\n  swp assess -w data/demo --all-areas --format pdf --jobs 2\n')
    .action((flags: unknown, c: Command) => start(c, (ctx) => import('./commands/assess.js').then((m) => m.assessCommand(ctx, flags))));
}

function addReport(program: Command, start: Start): void {
  const cmd = program
    .command('report')
    .description('write the quarterly board performance report')
    .option('--quarter <yyyy/yy-Qn>', 'financial quarter, e.g. 2016/17-Q3 (October to December 2016), or latest', 'latest');
  printOptions(outputOptions(cmd))
    .addHelpText('after', '\nExample:\n  swp report -w data/demo --quarter 2016/17-Q3\n')
    .action((flags: unknown, c: Command) => start(c, (ctx) => import('./commands/report.js').then((m) => m.reportCommand(ctx, flags))));
}

function addNeedsAssessment(program: Command, start: Start): void {
  const cmd = program
    .command('needs-assessment')
    .description('write the Serious Violence Duty strategic needs assessment for a financial year')
    .option('--year <yyyy/yy>', 'financial year, e.g. 2016/17 (default: the latest complete year in the data)');
  printOptions(outputOptions(cmd))
    .addHelpText('after', '\nExamples:\n  swp needs-assessment -w data/demo\n  swp needs-assessment -w data/demo --year 2016/17 --format pdf,html,json,xlsx\n')
    .action((flags: unknown, c: Command) => start(c, (ctx) => import('./commands/needs-assessment.js').then((m) => m.needsAssessmentCommand(ctx, flags))));
}

/** The nearest folder from `start` upwards holding a workspace config; `start` itself when there is none. */
function nearestWorkspace(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (CONFIG_FILES.some((name) => existsSync(join(dir, name)))) return dir;
    if (dirname(dir) === dir) return resolve(start);
  }
}

/** Map anything thrown to an exit code: SwpError prints its block; commander's usage errors exit 2; the rest is a bug. */
function handleError(e: unknown, printer: Printer, debug: boolean): ExitCodeValue {
  if (e instanceof CommanderError) {
    // commander has already printed its message; help and version are successful exits.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.OK;
    return ExitCode.USAGE;
  }
  if (e instanceof SwpError) {
    printer.error(e);
    if (debug && e.stack) printer.raw(`${e.stack}\n`);
    return e.code;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  printer.raw(`internal error: ${err.message}\nThis is a bug in swp. Please report it with the output of the same command run with --debug.\n`);
  if (debug) printer.raw(`${err.stack ?? ''}\n`);
  return ExitCode.INTERNAL;
}
