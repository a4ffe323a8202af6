import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Tests import 'smarthome-sim' from the TypeScript sources, as the relative imports do (one
  // set of module instances); package.json "exports" points plain Node at the compiled dist/.
  resolve: {
    alias: [
      { find: /^smarthome-sim$/, replacement: source('./simulator/index.ts') },
      { find: /^smarthome-sim\/testing$/, replacement: source('./simulator/testing/index.ts') },
      { find: /^smarthome-sim\/attackers$/, replacement: source('./scenarios/attackers/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/property/support/setup.ts'],
    // The CLI tests spawn the compiled CLI: rebuild dist/ first if any source is newer.
    globalSetup: ['test/support/build-dist.ts'],
    // Integration tests bind loopback ports and spawn Mosquitto/Chromium: keep files in
    // separate processes, and give real-network tests room on a loaded 2-core machine.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
