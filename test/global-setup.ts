/**
 * Once per `vitest run`: generate the demo's police.uk tree if it is not there (it is seeded and deterministic), and
 * give the test files one shared folder for the demo's JSON documents (test/integration/demo-json.ts). The folder
 * is made here and removed at the end, so a run never reads another run's documents.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder private to this test run where the first file that needs the demo's JSON writes it. */
    demoJsonDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  // The outcomes file is the last the generator learnt to write: a tree made before it is made again.
  if (!existsSync(join(root, 'data/demo/crime/police-uk/2017-03/2017-03-midshire-outcomes.csv'))) {
    execFileSync(process.execPath, [join(root, 'scripts/generate-demo.mjs'), '--out', join(root, 'data/demo')], { stdio: 'inherit' });
  }
  const shared = mkdtempSync(join(tmpdir(), 'swp-demo-json-'));
  project.provide('demoJsonDir', shared);
  return () => rmSync(shared, { recursive: true, force: true });
}
