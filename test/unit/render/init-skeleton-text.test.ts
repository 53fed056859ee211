/**
 * The empty analyst's files `swp init` writes (templates/init/skeleton/text): every name is one the reader knows
 * for the starter config (no "not used" warning in a new workspace), and each holds only a comment, so a new
 * workspace's documents print swp's own words until the analyst writes theirs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readAnalystText } from '../../../src/ingest/analyst-text.js';
import { configSchema } from '../../../src/model/config.js';
import type { Warning } from '../../../src/model/errors.js';
import { renderAnalystMarkdown } from '../../../src/render/analyst-text.js';
import { TEMPLATES_DIR } from '../../../src/render/templates.js';

describe('the init skeleton of text/', () => {
  it('has the files for the starter config, all known names, each printing nothing', async () => {
    // The starter config sits in the skeleton once `swp init` copies it wholesale; before that, beside it.
    const inSkeleton = join(TEMPLATES_DIR, 'init/skeleton/swp.config.yaml');
    const starter = parseYaml(readFileSync(existsSync(inSkeleton) ? inSkeleton : join(TEMPLATES_DIR, 'init/swp.config.yaml'), 'utf8'));
    const config = configSchema.parse({ ...starter, area: { ...starter.area, code: 'E08000031' } });
    const warnings: Warning[] = [];
    const text = await readAnalystText(join(TEMPLATES_DIR, 'init/skeleton'), config, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(text.introduction && text.horizonScan && text.recommendations).toBeTruthy();
    expect(Object.keys(text.chapters).sort()).toEqual(['overview', ...config.strategicPriorities.map((p) => p.id)].sort());
    expect(Object.keys(text.report)).toEqual(['commentary']);
    const all = [text.introduction!, text.horizonScan!, text.recommendations!, ...Object.values(text.chapters), ...Object.values(text.report)];
    for (const f of all) {
      expect(f.markdown, f.file).toMatch(/^<!--[^]*-->\s*$/);
      expect(renderAnalystMarkdown(f.markdown), f.file).toBeUndefined();
    }
  });
});
