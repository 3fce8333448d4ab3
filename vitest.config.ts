import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // fast-check on a fixed seed (tests/support/fast-check-seed.ts): property tests are deterministic.
    setupFiles: ['tests/support/fast-check-seed.ts'],
    // The corpus tests decode tens of megabytes of real recordings.
    testTimeout: 60_000,
  },
});
