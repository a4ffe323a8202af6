import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/property/support/setup.ts'],
    // Integration tests bind loopback ports and spawn Mosquitto/Chromium: keep files in
    // separate processes, and give real-network tests room on a loaded 2-core machine.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
