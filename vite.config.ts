import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

// Relative base so dist/ works from any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    // Offline and installable: Workbox precaches the built app (engine workers included) and the
    // icons; the service worker is registered from the app's own bundle (src/state/appUpdate.ts),
    // so the CSP needs no inline script. 'prompt': a new version waits for the person's reload.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      manifest: {
        name: 'Waypoint — customer journey planner',
        short_name: 'Waypoint',
        description: 'Plan customer journeys with PERT and check them against real customer data, in the browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
        file_handlers: [{
          action: './',
          accept: {
            'text/csv': ['.csv'],
            'application/json': ['.waypoint.json'],
            'application/vnd.apache.parquet': ['.parquet'],
          },
        }],
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Some tests fit models on whole shared files; on a loaded 2-core machine they need more than 5 s.
    testTimeout: 30_000,
  },
});
