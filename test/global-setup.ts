/** Generate the demo's police.uk tree once before the tests, if it is not there (it is seeded and deterministic). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(join(root, 'data/demo/crime/police-uk/2017-03'))) {
    execFileSync(process.execPath, [join(root, 'scripts/generate-demo.mjs'), '--out', join(root, 'data/demo')], { stdio: 'inherit' });
  }
}
