/**
 * Fuzzing the config loader (issue 6, point 5): random YAML-ish text and mutated valid configs either load or fail
 * with SwpError(CONFIG) whose every problem names the file and a key path or a line. Never another exception type,
 * never a hang (5 s per run).
 *
 * A crash was found and fixed (see the cases at the end): a YAML alias whose anchor is not defined ("*a", or "*" and
 * anything), and an "alias bomb", made `loadConfig` throw the yaml library's ReferenceError instead of an SwpError.
 * The strict properties that found it now pass and keep it fixed; tolerant twins count any such crash as known and
 * still fail on any other.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/ingest/config.js';
import { ExitCode, SwpError } from '../../src/model/errors.js';
import { FIXTURES, tempDir } from '../helpers.js';
import { assertNoNaN, checkProperty, maxLineOf, writeFigures, applyMutations, mutationArb, type Mutation } from './fuzz-support.js';

const SEED = 42;
/** Runs per property; the whole file takes a few seconds here. */
const RUNS = 500;
const RUN_TIMEOUT_MS = 5_000;
const TEST_TIMEOUT_MS = 60_000;

fc.configureGlobal({ seed: SEED, numRuns: RUNS, timeout: RUN_TIMEOUT_MS });

const VALID_YAML = readFileSync(join(FIXTURES, 'workspaces/valid/swp.config.yaml'), 'utf8');
const MINIMAL_YAML = `partnership:
  name: Castlebridge Community Safety Partnership
area:
  name: Castlebridge
  code: E08099001
inputs:
  population: [population]
`;
const VALID_JSON = `${JSON.stringify(parseYaml(VALID_YAML), null, 2)}\n`;

const runs: Record<string, number> = {};
const outcomes: Record<string, { ok: number; error: number; knownCrash?: number }> = {};

/**
 * The crash found once (see the end of the file): yaml's `doc.toJS()` throws a ReferenceError for an alias without
 * an anchor ("*a", or just "*" followed by anything) and for an alias bomb. Tolerant properties count it and go on,
 * so that they still catch any *other* crash; the strict ones at the end show it is fixed.
 */
function isKnownAliasCrash(e: unknown): boolean {
  return e instanceof ReferenceError && /Unresolved alias|Excessive alias count/.test(e.message);
}

let dir: string;

/** Write `text` as `name`, load it, and check the outcome. */
async function loadAndCheck(key: string, text: string | Buffer, name = 'swp.config.yaml', tolerateKnownCrash = false): Promise<void> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const maxLine = maxLineOf(typeof text === 'string' ? Buffer.from(text) : text);
  let config: unknown;
  try {
    config = await loadConfig(path, dir);
  } catch (e) {
    if (tolerateKnownCrash && isKnownAliasCrash(e)) {
      outcomes[key] ??= { ok: 0, error: 0 };
      outcomes[key].knownCrash = (outcomes[key].knownCrash ?? 0) + 1;
      return;
    }
    if (!(e instanceof SwpError)) {
      const err = e as Error;
      throw new Error(`not an SwpError but ${err?.name}: ${err?.message}\n${err?.stack ?? ''}`);
    }
    if (e.code !== ExitCode.CONFIG) throw new Error(`SwpError with exit code ${e.code}, expected ${ExitCode.CONFIG}: ${e.message}`);
    if (e.problems.length === 0) throw new Error('SwpError without problems');
    for (const p of e.problems) {
      const where = JSON.stringify(p);
      if (p.file !== name) throw new Error(`problem not located in ${name}: ${where}`);
      if (typeof p.message !== 'string' || p.message.trim() === '') throw new Error(`problem without a message: ${where}`);
      const hasKey = typeof p.keyPath === 'string' && p.keyPath !== '';
      const hasLine = p.line !== undefined && Number.isInteger(p.line) && p.line >= 1 && p.line <= maxLine;
      if (!hasKey && !hasLine) throw new Error(`problem with neither a key path nor a line in 1..${maxLine}: ${where}`);
      if (p.line !== undefined && !hasLine) throw new Error(`problem line out of range 1..${maxLine}: ${where}`);
    }
    outcomes[key] ??= { ok: 0, error: 0 };
    outcomes[key].error++;
    return;
  }
  if (config === null || typeof config !== 'object') throw new Error(`loadConfig returned ${String(config)}`);
  assertNoNaN(config);
  outcomes[key] ??= { ok: 0, error: 0 };
  outcomes[key].ok++;
}

// ---------------------------------------------------------------------------------------------------------------
// A YAML-ish grammar: lines of indentation, optional "- ", a key (real config keys, near-misses, odd ones) and a
// value of any YAML type, plus directives, comments and document markers.

const KEYS = [
  'version', 'partnership', 'name', 'shortName', 'area', 'code', 'force', 'cspName', 'peers', 'inputs', 'policeUk', 'homeOffice',
  'measures', 'population', 'planReview', 'consultation', 'scores', 'indicators', 'id', 'label', 'polarity', 'target',
  'strategicPriorities', 'lead', 'priorities', 'candidates', 'criteria', 'weight', 'disclosure', 'threshold', 'document',
  'protectiveMarking', 'rag', 'redBeyondPercent', 'amberWithinPercent', 'financialYearStartMonth', 'columns', 'encoding',
  'weigth', 'partnershp', 'Area', '__proto__', 'constructor', 'toString', '', '"quoted key"', "'single'", '[a, b]', '{a: 1}', 'ключ', '😀',
];
const SCALARS = [
  '1', '0', '-1', '3.5', '1e400', '.nan', '.inf', '-.inf', '0x1F', '0o17', 'true', 'false', 'yes', 'no', 'null', '~', '""', "''",
  'E08099001', 'e08099001', 'Castlebridge', '2016/17', '2016-13', '2001-12-14t21:59:43.10-05:00', 'lower-is-better', 'OFFICIAL',
  '"unterminated', "'unterminated", '"esc \\u00e9 \\x00"', '[1, 2]', '[a, [b, c]]', '{a: 1, b: [2]}', '[', '{', ']', '}', '|', '>-',
  '!!str 5', '!!int x', '!!float abc', '!!binary AAAA', '!!timestamp 2001-12-14', '!custom tag', '!!set {a, b}', '!!omap [a: 1]',
  '# comment', '-', ':', '? x', '@reserved', '`tick', '%', '😀', 'ünïcödé', '\u0000', '\u200b', '\t',
];
const ANCHORED = ['&a 1', '&a [1, 2]', '&b {x: 1}', '*a', '*b', '*undefined', '&a', '<<: *a', '[*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]'];
const STRUCTURE = ['---', '...', '%YAML 1.2', '%YAML 1.1', '%TAG ! tag:example.com,2000:', '# a comment', ''];

function yamlishText(withAliases: boolean): fc.Arbitrary<string> {
  const value = withAliases ? fc.constantFrom(...SCALARS, ...ANCHORED) : fc.constantFrom(...SCALARS);
  const line = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom('', '', '  ', '    ', '      ', ' ', '\t'), fc.boolean(), fc.constantFrom(...KEYS), fc.constantFrom(':', ':', ': ', ' :'), value, fc.boolean()).map(
      ([indent, dash, key, colon, v, nested]) => `${indent}${dash ? '- ' : ''}${key}${colon}${nested ? '' : ` ${v}`}`,
    ) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('  ', '    ', ''), value).map(([indent, v]) => `${indent}- ${v}`) },
    { weight: 1, arbitrary: fc.constantFrom(...STRUCTURE) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  );
  return fc.tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, end]) => lines.join(end) + end);
}

// ---------------------------------------------------------------------------------------------------------------
// Config-aware mutations of a valid config.

type ConfigMutation =
  | { kind: 'drop-key'; line: number }
  | { kind: 'rename-key'; line: number; edit: 'insert' | 'delete' | 'substitute' | 'transpose' | 'case'; at: number; char: string }
  | { kind: 'change-type'; line: number; value: string }
  | { kind: 'insert-unicode'; at: number; text: string }
  | { kind: 'tab-indent'; line: number }
  | { kind: 'bytes'; mutation: Mutation };

const KEY_LINE = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)(\s*:)(.*)$/;
const JSON_KEY_LINE = /^(\s*)"([^"]+)"(\s*:)(.*)$/;

function keyLines(lines: string[]): number[] {
  return lines.flatMap((l, i) => (KEY_LINE.test(l) || JSON_KEY_LINE.test(l) ? [i] : []));
}

function applyConfigMutation(text: string, m: ConfigMutation): string {
  if (m.kind === 'bytes') return applyMutations(Buffer.from(text), [m.mutation]).toString('utf8');
  if (m.kind === 'insert-unicode') {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + m.text + text.slice(at);
  }
  const lines = text.split('\n');
  const candidates = m.kind === 'tab-indent' ? lines.flatMap((l, i) => (/^ +\S/.test(l) ? [i] : [])) : keyLines(lines);
  if (candidates.length === 0) return text;
  const i = candidates[m.line % candidates.length]!;
  const line = lines[i]!;
  switch (m.kind) {
    case 'drop-key':
      lines.splice(i, 1);
      break;
    case 'tab-indent':
      lines[i] = line.replace(/^ +/, (s) => '\t'.repeat(Math.max(1, s.length / 2)));
      break;
    case 'rename-key':
    case 'change-type': {
      const match = KEY_LINE.exec(line) ?? JSON_KEY_LINE.exec(line);
      if (!match) break;
      const json = !KEY_LINE.test(line);
      const [, pre, key, colon, rest] = match as unknown as [string, string, string, string, string];
      if (m.kind === 'change-type') {
        const comma = json && rest.trimEnd().endsWith(',') ? ',' : '';
        lines[i] = `${pre}${json ? `"${key}"` : key}${colon} ${m.value}${comma}`;
        break;
      }
      const at = m.at % (key.length + 1);
      let renamed = key;
      if (m.edit === 'insert') renamed = key.slice(0, at) + m.char + key.slice(at);
      else if (m.edit === 'delete') renamed = key.slice(0, at) + key.slice(at + 1);
      else if (m.edit === 'substitute') renamed = key.slice(0, at) + m.char + key.slice(at + 1);
      else if (m.edit === 'transpose' && at + 1 < key.length) renamed = key.slice(0, at) + key[at + 1] + key[at] + key.slice(at + 2);
      else if (m.edit === 'case') renamed = key.slice(0, at) + (key[at] ?? '').toUpperCase() + key.slice(at + 1);
      lines[i] = `${pre}${json ? `"${renamed}"` : renamed}${colon}${rest}`;
      break;
    }
  }
  return lines.join('\n');
}

const TYPE_VALUES = [
  '1', '-1', '0', '3.5', '.nan', '.inf', '-.inf', 'true', 'null', '~', '""', '"text"', 'text', '[]', '[1, 2]', '{}', '{a: 1}', '[{id: x}]',
  '2016-04-01', 'E08099001', '"E08099001"', '99999999999999999999', '1e400', '!!binary AAAA', '|\n  block', '"\u0000"',
];

const configMutationArb: fc.Arbitrary<ConfigMutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop-key' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('rename-key' as const),
    line: fc.nat(),
    edit: fc.constantFrom('insert' as const, 'delete' as const, 'substitute' as const, 'transpose' as const, 'case' as const),
    at: fc.nat(),
    char: fc.constantFrom('a', 'e', 's', 'x', '_', '-', 'é', ' ', '.', '0'),
  }),
  fc.record({ kind: fc.constant('change-type' as const), line: fc.nat(), value: fc.constantFrom(...TYPE_VALUES) }),
  fc.record({ kind: fc.constant('insert-unicode' as const), at: fc.nat(), text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('tab-indent' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('bytes' as const), mutation: mutationArb }),
);
const configMutationsArb = fc.array(configMutationArb, { minLength: 1, maxLength: 3 });

describe('loadConfig under fuzzing', () => {
  beforeAll(() => {
    dir = tempDir('swp-fuzz-config-');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    writeFigures('fuzz-config', {
      seed: SEED,
      runsPerPropertyDefault: RUNS,
      runTimeoutMs: RUN_TIMEOUT_MS,
      properties: Object.keys(runs).length,
      totalRuns: Object.values(runs).reduce((a, b) => a + b, 0),
      runs,
      note: 'outcomes count every property evaluation, shrinking included; runs count generated cases only',
      outcomes,
    });
  });

  it('the unmutated configs load', async () => {
    for (const [text, name] of [[VALID_YAML, 'swp.config.yaml'], [MINIMAL_YAML, 'swp.config.yaml'], [VALID_JSON, 'swp.config.json']] as const) {
      writeFileSync(join(dir, name), text);
      await expect(loadConfig(join(dir, name), dir)).resolves.toBeTypeOf('object');
    }
  });

  it('random YAML-ish text (no anchors or aliases): loads or SwpError(CONFIG) with a key path or line', { timeout: TEST_TIMEOUT_MS }, async () => {
    const key = 'random YAML-ish text';
    await checkProperty(runs, key, fc.asyncProperty(yamlishText(false), (text) => loadAndCheck(key, text)));
  });

  const unicodeText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));
  const randomBytes = fc.uint8Array({ maxLength: 1024 }).map((b) => Buffer.from(b));

  it('random unicode text: loads or SwpError(CONFIG) with a key path or line (known alias crash counted, not failed)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const key = 'random unicode text';
    await checkProperty(runs, key, fc.asyncProperty(unicodeText, (text) => loadAndCheck(key, text, 'swp.config.yaml', true)));
  });

  it('random bytes: loads or SwpError(CONFIG) with a key path or line (known alias crash counted, not failed)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const key = 'random bytes';
    await checkProperty(runs, key, fc.asyncProperty(randomBytes, (bytes) => loadAndCheck(key, bytes, 'swp.config.yaml', true)));
  });

  it('random YAML-ish text with anchors and aliases: loads or SwpError(CONFIG) (known alias crash counted, not failed)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const key = 'random YAML-ish text with anchors and aliases';
    await checkProperty(runs, key, fc.asyncProperty(yamlishText(true), (text) => loadAndCheck(key, text, 'swp.config.yaml', true)));
  });

  it.each([
    ['valid workspace config (YAML)', VALID_YAML, 'swp.config.yaml'],
    ['minimal config (YAML)', MINIMAL_YAML, 'swp.config.yaml'],
    ['valid workspace config (JSON)', VALID_JSON, 'swp.config.json'],
  ])('mutated %s: loads or SwpError(CONFIG) with a key path or line', { timeout: TEST_TIMEOUT_MS }, async (label, base, name) => {
    const key = `mutated ${label}`;
    await checkProperty(runs, key, fc.asyncProperty(configMutationsArb, (ms) => loadAndCheck(key, ms.reduce(applyConfigMutation, base), name)));
  });

  // CRASH FOUND AND FIXED (issue 6 point 5): loadConfig threw the yaml library's ReferenceError (so `swp` exited 1,
  // "internal error") instead of SwpError(CONFIG) for an alias with no anchor, or an alias bomb: `doc.toJS()` throws
  // them and neither is in `doc.errors`. fast-check found it from three directions (seed 42): random bytes
  // [0x2a, 0x00] ("*" NUL), random unicode "*!", and the YAML grammar with anchors and aliases. These strict
  // properties and the two minimal reproductions after them keep it fixed.
  it('[FIXED CRASH] random bytes, strict: loads or SwpError(CONFIG)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const key = 'random bytes (strict)';
    await checkProperty(runs, key, fc.asyncProperty(randomBytes, (bytes) => loadAndCheck(key, bytes)));
  });

  it('[FIXED CRASH] random unicode text, strict: loads or SwpError(CONFIG)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const key = 'random unicode text (strict)';
    await checkProperty(runs, key, fc.asyncProperty(unicodeText, (text) => loadAndCheck(key, text)));
  });

  it('[FIXED CRASH] random YAML-ish text with anchors and aliases: loads or SwpError(CONFIG)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const key = 'random YAML-ish text with anchors and aliases (strict)';
    await checkProperty(runs, key, fc.asyncProperty(yamlishText(true), (text) => loadAndCheck(key, text)));
  });

  // Reproduction, 16 bytes: "partnership: *a\n" → ReferenceError: Unresolved alias (the anchor must be set before the alias): a
  it('[FIXED CRASH] an alias with no anchor is an SwpError(CONFIG) with a line', async () => {
    await loadAndCheck('repro: unresolved alias', 'partnership: *a\n');
  });

  // Reproduction: a four-level alias bomb (10^4 expansions) → ReferenceError: Excessive alias count indicates a
  // resource exhaustion attack. It is refused quickly (no hang), but as an internal error rather than a config error.
  it('[FIXED CRASH] an alias bomb is an SwpError(CONFIG) with a line', async () => {
    await loadAndCheck(
      'repro: alias bomb',
      'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    );
  });
});
