import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/configuration';
import { ProblemFilter, problemErrorMiddleware } from './common/errors/problem.filter';
import { requireKnownContentType } from './common/http/content-type.middleware';
import { refuseDeepJson } from './common/http/json-depth';
import { createValidationPipe } from './common/validation/validation';
import { createHttpLogger, createLogger, PinoNestLogger } from './infrastructure/logging/logger';
import { mountOpenApi } from './openapi';
import { builtWebFolder, mountWebPages } from './infrastructure/web/web-pages';

export interface CreatedApp {
  app: NestExpressApplication;
  logger: Logger;
}

/** Builds the HTTP application (not yet listening) against a migrated database. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<CreatedApp> {
  const logger = createLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.set('trust proxy', config.trustProxyHops);
  app.disable('x-powered-by');
  app.use(createHttpLogger(logger));
  app.use(
    helmet({
      // Scripts from the service's own origin only, never inline. Inline styles are allowed: the
      // components library and the OpenAPI UI set style attributes and CSS variables at run time.
      contentSecurityPolicy: {
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  mountWebPages(app, { folder: builtWebFolder(config.webDir), timeZone: config.timeZone });
  app.use(requireKnownContentType);
  // Express's own parser rather than Nest's wrapper, whose options leave out the `verify` hook that
  // measures nesting before anything parses or recurses over the body.
  app.use(
    json({
      limit: config.bodyLimit,
      type: ['application/json', 'application/*+json'],
      verify: refuseDeepJson(config.bodyMaxDepth),
    }),
  );
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', '.well-known/jwks.json'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  mountOpenApi(app);
  await app.init();
  // Errors raised by middleware before a route is chosen (body too large, bad JSON) end here.
  app.use(problemErrorMiddleware);
  return { app, logger };
}
