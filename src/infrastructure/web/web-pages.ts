import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { projectRoot } from '../../config/project-root';

/** Paths that belong to the service itself: never answered with the application's page. */
const SERVICE_PATHS = ['/api', '/docs', '/openapi.json', '/health', '/.well-known'];

/** Where certificates are verified: `/verificar/{number}`, and `/verify/{number}` that their QR codes print. */
const VERIFICATION_PATHS = /^\/(?:verificar|verify)(?:\/[^/]*)?\/?$/;

/** Vite names every built asset by its content's hash: a name never changes meaning. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface WebPagesOptions {
  /** The built application (`web/dist`), or nothing when it has not been built. */
  folder: string | undefined;
  /** The service's time zone, written into the page so that it shows times as the service does. */
  timeZone: string;
}

/** The built web application's folder (`web/dist` unless told otherwise), if it has been built. */
export function builtWebFolder(configured?: string): string | undefined {
  const folder = configured ?? join(projectRoot(), 'web', 'dist');
  return existsSync(join(folder, 'index.html')) ? folder : undefined;
}

/**
 * Serves the web application (`web/dist`, built by `npm run build -w web`): its assets with
 * long-lived immutable caching, and for any other GET that is not one of the service's own paths,
 * `index.html`, never cached, so that the application's routes (an invitation, a check-in code, a
 * certificate's QR) open its pages. A path with a file extension that is not an asset stays a 404.
 * Without a built application nothing is mounted and the service answers its API alone.
 */
export function mountWebPages(app: NestExpressApplication, options: WebPagesOptions): boolean {
  const folder = options.folder;
  if (!folder) return false;
  const read = (name: string) =>
    readFileSync(join(folder, name), 'utf8').replace(
      /(<meta name="puente-time-zone" content=")[^"]*(")/,
      `$1${escapeAttribute(options.timeZone)}$2`,
    );
  const page = read('index.html');
  // The public verification page is an entry of its own, light for a phone that scanned a QR code.
  const verification = existsSync(join(folder, 'verify.html')) ? read('verify.html') : page;
  // The build's Brotli and gzip copies of each asset, for browsers that accept them.
  const assets = join(folder, 'assets');
  const compressed = new Set(existsSync(assets) ? readdirSync(assets).filter((name) => /\.(?:br|gz)$/.test(name)) : []);
  app.use('/assets', (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const name = request.path.slice(1);
    if (name.includes('/') || !/\.(?:js|css|svg|json)$/.test(name)) return next();
    // Brotli when the browser takes it (every current one does), else gzip.
    const encoding =
      request.acceptsEncodings('br') === 'br' ? 'br' : request.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : undefined;
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : undefined;
    if (!suffix || !compressed.has(`${name}${suffix}`)) return next();
    response.setHeader('Content-Encoding', encoding!);
    response.setHeader('Vary', 'Accept-Encoding');
    response.setHeader('Cache-Control', IMMUTABLE);
    response.type(extname(name));
    response.sendFile(join(assets, `${name}${suffix}`));
  });
  app.use(
    express.static(folder, {
      index: false,
      redirect: false,
      setHeaders: (response, path) => {
        response.setHeader('Cache-Control', path.includes(assets) ? IMMUTABLE : 'no-cache');
        if (path.includes(assets)) response.setHeader('Vary', 'Accept-Encoding');
      },
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const path = request.path;
    if (SERVICE_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return next();
    if (/\.[A-Za-z0-9]+$/.test(path)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(VERIFICATION_PATHS.test(path) ? verification : page);
  });
  return true;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
