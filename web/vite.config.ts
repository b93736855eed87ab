import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy of every script, style sheet and image of the
 * build, compressed once at their best, which the service sends to browsers that accept them: a
 * phone on a slow connection downloads a third of the bytes, and the service spends no time
 * compressing.
 */
function precompress(): Plugin {
  let folder = join(__dirname, 'dist', 'assets');
  return {
    name: 'puente-precompress',
    apply: 'build',
    configResolved(config) {
      folder = resolve(config.root, config.build.outDir, 'assets');
    },
    closeBundle() {
      for (const name of readdirSync(folder)) {
        if (!/\.(?:js|css|svg|json)$/.test(name)) continue;
        const bytes = readFileSync(join(folder, name));
        writeFileSync(
          join(folder, `${name}.br`),
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(join(folder, `${name}.gz`), gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/** In development, the verification paths open the verification entry, as the service does. */
function verificationEntry(): Plugin {
  return {
    name: 'puente-verification-entry',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const path = (request.url ?? '').split('?')[0];
        if (/^\/(?:verificar|verify)(?:\/[^/]*)?\/?$/.test(path)) request.url = '/verify.html';
        next();
      });
    },
  };
}

/**
 * The pages are served by the API service from `dist/` (src/web/web-pages.ts at the root). In
 * development, `npm run dev -w web` proxies the service's paths to a running `npm start`.
 */
export default defineConfig({
  plugins: [react(), precompress(), verificationEntry()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or data: modules, so the strict CSP holds for every page.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Which files each page loads, for the size benchmark (npm run bench:web).
    manifest: true,
    // The application, and the public verification page as an entry of its own (src/verify/).
    rollupOptions: { input: { index: join(__dirname, 'index.html'), verify: join(__dirname, 'verify.html') } },
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
