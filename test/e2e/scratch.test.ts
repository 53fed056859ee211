import { it } from 'vitest';
import { run } from '../../src/cli/run.js';
it('scratch', async () => {
  const args = JSON.parse(process.env.SCRATCH_ARGS ?? '[]');
  let out = '', err = '';
  const code = await run(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd: process.env.SCRATCH_CWD ?? process.cwd() });
  console.log(`EXIT ${code}\n--stdout--\n${out}\n--stderr--\n${err}`);
}, 120000);
