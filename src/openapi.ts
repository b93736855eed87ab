import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** The OpenAPI document, generated from the controllers; each operation states its roles. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Puente API')
    .setDescription(
      'Joint training seminars between primary care and hospital specialists. Errors are ' +
        'application/problem+json with a stable `code`; messages follow Accept-Language (es by default, en).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method] as (Record<string, unknown> & { description?: string }) | undefined;
      if (operation) documentServiceUnavailable(operation as { responses?: Record<string, unknown> });
      const roles = operation?.['x-roles'] as string[] | undefined;
      if (operation && roles) {
        const who = roles.join(', ');
        operation.description = `**Roles:** ${who}${operation.description ? `\n\n${operation.description}` : ''}`;
      }
    }
  }
  return document;
}

/**
 * Any operation can meet a database that cannot serve in time (every pooled connection taken, a
 * statement cancelled by its timeout, the server away): the answer is then a 503 problem with
 * Retry-After, documented on every operation because it is what the server does.
 */
function documentServiceUnavailable(operation: { responses?: Record<string, unknown> }): void {
  operation.responses ??= {};
  operation.responses['503'] ??= {
    description: 'The database cannot serve right now (`service_unavailable`); nothing was changed. Try again after Retry-After seconds.',
    headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  };
}

export function mountOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: '/openapi.json',
    yamlDocumentUrl: '/openapi.yaml',
    customSiteTitle: 'Puente API',
  });
}
