import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['examples/**/*.test.ts', 'scripts/**/*.test.ts', 'src/**/*.test.ts', 'plugins/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    // Files that start servers and processes measure time; running two at once on two cores skews them.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
