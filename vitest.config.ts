import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generates the demo's police.uk files once if they are missing (they are not committed: ~40 MB).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Results must not depend on the machine's zone (issue: TZ=Pacific/Auckland and UTC give identical JSON).
    env: { TZ: 'UTC' },
  },
});
