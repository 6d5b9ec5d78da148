import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Node's compile cache for every process the tests start: the archive and import workers, run from
// the TypeScript source, and the CLI runs otherwise compile (and strip the types of) the whole core
// again each time they start, hundreds of times a run. Set here, the test processes inherit it.
process.env['NODE_COMPILE_CACHE'] ??= path.join(os.tmpdir(), 'quire-test-compile-cache');

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['tests/core/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/shared/**/*.test.ts', 'tests/serve/**/*.test.ts', 'tests/lint/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A real browser on a shared CI machine: a test that fails is run once more there, and the
          // default reporter marks it "(retry x1)" so the flake stays visible. Locally nothing is retried.
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});
