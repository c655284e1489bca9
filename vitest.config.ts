import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The CLI end-to-end tests run the built bin; build it once before the suite.
    globalSetup: ['test/global-setup.ts'],
  },
})
