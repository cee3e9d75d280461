import { defineConfig } from 'vitest/config';

// Page tests: a production build served on 127.0.0.1 and loaded in Chromium (npm run test:e2e).
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
