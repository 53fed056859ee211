/**
 * `swp init [dir]`: a working skeleton. Everything in templates/init/skeleton/ is copied as it is (the config with
 * the area filled in, each input folder with its README and CSV template, and whatever else the skeleton holds),
 * without replacing files the folder already has; then `swp validate` lists what is still to fill in.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { TEMPLATES_DIR } from '../../render/templates.js';
import { writeFileAtomic } from '../../files/atomic.js';
import { ExitCode, SwpError, type ExitCodeValue } from '../../model/errors.js';
import type { CommandContext } from '../context.js';
import { initOptions } from '../options.js';
import { shownPath } from '../../files/paths.js';

const SKELETON = join(TEMPLATES_DIR, 'init', 'skeleton');
/** Folders the skeleton has (`out/` is made empty: documents go there). */
const FOLDERS = ['crime/police-uk', 'home-office', 'measures', 'population', 'workspace', 'out'];

/** YAML double-quoted string content: escape backslashes and quotes. */
const yamlText = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

export async function initCommand(ctx: CommandContext, dir: string, flags: unknown): Promise<ExitCodeValue> {
  const options = initOptions(flags);
  const configPath = join(dir, 'swp.config.yaml');
  const shown = shownPath(ctx.io.cwd, configPath);
  if (options.templates && existsSync(configPath) && !options.force) {
    // An existing workspace: copy the templates only, never touching its config.
    await copyTemplates(ctx, dir);
    ctx.printer.info('next: set `document.templates: templates` in swp.config.yaml to use them');
    return ExitCode.OK;
  }
  if (existsSync(configPath) && !options.force) {
    throw new SwpError(ExitCode.USAGE, {
      message: 'a workspace already exists here',
      file: shown,
      expected: 'a folder without swp.config.yaml',
      found: 'an existing swp.config.yaml',
      hint: 'choose another folder, or pass --force to overwrite the config (inputs are never touched)',
    });
  }
  if (options.code !== undefined && !/^[EW]\d{8}$/.test(options.code)) {
    throw new SwpError(ExitCode.USAGE, {
      message: 'invalid area code',
      keyPath: '--code',
      expected: 'an ONS local-authority code, e.g. E08000031',
      found: JSON.stringify(options.code),
      hint: 'look the code up on the ONS Open Geography Portal',
    });
  }
  const area = options.area ?? 'My Area';
  let config = (await readFile(join(SKELETON, 'swp.config.yaml'), 'utf8'))
    .replace('{{partnershipName}}', yamlText(options.partnership ?? `${area} Community Safety Partnership`))
    .replace('{{areaName}}', yamlText(area))
    .replace('{{areaCode}}', options.code ?? 'E08000000');
  if (options.templates) config = config.replace('document:\n', 'document:\n  templates: templates   # overrides of the default templates (copied by swp init --templates)\n');
  for (const f of FOLDERS) await mkdir(join(dir, f), { recursive: true });
  // The skeleton as it is, but never over a file the user already has (the config is written below).
  await cp(SKELETON, dir, { recursive: true, force: false, errorOnExist: false, filter: (src) => relative(SKELETON, src) !== 'swp.config.yaml' });
  if (options.templates) await copyTemplates(ctx, dir);
  await writeFileAtomic(configPath, config);
  ctx.printer.info(`created ${shown}`);
  ctx.printer.info(`created folders: ${FOLDERS.join(', ')}, each with a README.md saying what goes there`);
  ctx.printer.info('next: run `swp validate` here: it lists what is still missing, in the order to fill it in.');
  return ExitCode.OK;
}

/** Copy the default document templates (layouts, partials, style sheet) into <dir>/templates, keeping existing files. */
async function copyTemplates(ctx: CommandContext, dir: string): Promise<void> {
  const target = join(dir, 'templates');
  await cp(TEMPLATES_DIR, target, {
    recursive: true,
    force: false,
    errorOnExist: false,
    // The init scaffold is not a document template.
    filter: (src) => !relative(TEMPLATES_DIR, src).startsWith('init'),
  });
  ctx.printer.info(`copied the default templates to ${shownPath(ctx.io.cwd, target)} (existing files kept)`);
}
