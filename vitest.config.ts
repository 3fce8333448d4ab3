import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // The corpus tests decode tens of megabytes of real recordings.
    testTimeout: 60_000,
  },
});
