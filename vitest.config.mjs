// Vitest runs every *.test.ts beside its source and under test/ (Playwright specs are *.spec.ts and run apart).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**', '.tsbuild/**', 'test/e2e/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
