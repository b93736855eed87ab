import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The pages are served by the API service from `dist/` (src/web/web-pages.ts at the root). In
 * development, `npm run dev -w web` proxies the service's paths to a running `npm start`.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or data: modules, so the strict CSP holds for every page.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/.well-known', '/health', '/openapi.json', '/docs'].map((path) => [path, 'http://127.0.0.1:3000']),
    ),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
