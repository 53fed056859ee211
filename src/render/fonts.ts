/**
 * The documents' font, shipped with the package (@fontsource/source-sans-3, SIL Open Font Licence) and inlined as
 * base64 @font-face rules, so output never depends on the fonts a machine happens to have and the page makes no
 * network request.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The weights and styles the templates use. */
const FACES: { weight: number; style: 'normal' | 'italic' }[] = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 600, style: 'normal' },
  { weight: 700, style: 'normal' },
];

let cached: string | undefined;

/** @font-face rules for Source Sans 3 (latin subset: ASCII, £, en and em dashes, curly quotes). */
export function fontFaceCss(): string {
  if (cached !== undefined) return cached;
  const dir = join(dirname(require.resolve('@fontsource/source-sans-3/package.json')), 'files');
  cached = FACES.map(({ weight, style }) => {
    const data = readFileSync(join(dir, `source-sans-3-latin-${weight}-${style}.woff2`)).toString('base64');
    return `@font-face{font-family:'Source Sans 3';font-style:${style};font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');}`;
  }).join('\n');
  return cached;
}
