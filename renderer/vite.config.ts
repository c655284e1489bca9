import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// Run from the repository root: `vite build --config renderer/vite.config.ts`.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Monaco's editor chunk is large by nature; it is loaded lazily, never at start-up.
    chunkSizeWarningLimit: 4500,
  },
})
