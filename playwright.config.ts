import { defineConfig } from '@playwright/test'

// UI tests drive the built renderer (`npm run build:renderer`) through the browser-mode bridge,
// in Debian's Chromium: Playwright never downloads a browser here.
export default defineConfig({
  testDir: 'test/ui',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
  },
})
