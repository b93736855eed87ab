import { ParseIntPipe, type INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { CommonProblems, EVERY_OPERATION_PROBLEMS } from './common/errors/common.errors';
import { PROBLEM_CONTENT_TYPE } from './common/errors/problem';
import { problemDescription, problemSchema } from './common/http/api-problems.decorator';
import { CalendarDatePipe } from './common/http/calendar-date.pipe';
import { UuidPipe } from './common/http/uuid.pipe';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

type Schema = SchemaObject | ReferenceObject;

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
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  const pathParameters = pathParameterSchemas(app);
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method] as (Record<string, unknown> & { description?: string }) | undefined;
      const roles = operation?.['x-roles'] as string[] | undefined;
      if (operation && roles) {
        const who = roles.join(', ');
        operation.description = `**Roles:** ${who}${operation.description ? `\n\n${operation.description}` : ''}`;
      }
      const documented = pathItem[method];
      if (documented) documentPathParameters(documented, pathParameters);
      if (documented) documentEveryOperationProblems(documented);
      if (documented && method !== 'get' && method !== 'head' && roles && !roles.includes('anyone'))
        documentCrossSiteRefusal(documented);
    }
  }
  refuseUnknownFieldsInRequestBodies(document);
  allowNullInNullableSchemas(document);
  return document;
}

/** The operation id of a handler: `People_list` for `PeopleController.list`. */
export function operationId(controllerKey: string, methodKey: string): string {
  return `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;
}

type PathParameterSchemas = Map<string, Map<string, SchemaObject>>;

/**
 * What the pipes on path parameters accept, per operation id and parameter name. Read from the
 * route metadata Nest runs the pipes from, so the document says exactly what the pipe checks
 * (a malformed id is a 400 before any handler runs).
 */
function pathParameterSchemas(app: INestApplication): PathParameterSchemas {
  const byOperation: PathParameterSchemas = new Map();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      for (const methodKey of Object.getOwnPropertyNames(controller.prototype)) {
        const routeArguments = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodKey) ?? {}) as Record<
          string,
          { data?: unknown; pipes?: unknown[] }
        >;
        for (const [key, argument] of Object.entries(routeArguments)) {
          if (Number(key.split(':')[0]) !== RouteParamtypes.PARAM || typeof argument.data !== 'string') continue;
          const schema = schemaOfPipes(argument.pipes ?? []);
          if (!schema) continue;
          const id = operationId(controller.name, methodKey);
          byOperation.set(id, (byOperation.get(id) ?? new Map()).set(argument.data, schema));
        }
      }
    }
  }
  return byOperation;
}

function schemaOfPipes(pipes: unknown[]): SchemaObject | undefined {
  const uses = (type: abstract new (...args: never[]) => unknown) =>
    pipes.some((pipe) => pipe === type || pipe instanceof type);
  if (uses(UuidPipe)) return { type: 'string', format: 'uuid' };
  if (uses(CalendarDatePipe)) return { type: 'string', format: 'date' };
  if (uses(ParseIntPipe)) return { type: 'integer' };
  return undefined;
}

function documentPathParameters(operation: OperationObject, schemas: PathParameterSchemas): void {
  for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
    const schema = parameter.in === 'path' ? schemas.get(operation.operationId ?? '')?.get(parameter.name) : undefined;
    if (schema) parameter.schema = schema;
  }
}

/**
 * A signed-in operation that changes something answers 403 `cross_site_request_refused` when it
 * comes with the browser session's cookie but without the pages' header, or from another site
 * (src/modules/identity/browser-session.ts); the code joins the operation's other 403 codes.
 */
function documentCrossSiteRefusal(operation: OperationObject): void {
  mergeProblemCodes(operation, 403, [CommonProblems.crossSiteRefused.code]);
}

/**
 * Problems any operation can answer whatever its controller declares: every request meets the same
 * content-type check, size limit, JSON parser and path-id check before a route is chosen, the
 * global filter turns an unexpected error into a 500, and a database that cannot serve in time
 * (every pooled connection taken, a statement cancelled by its timeout, the server away) answers 503
 * with Retry-After. Their codes join those the handler declares for the same status.
 */
function documentEveryOperationProblems(operation: OperationObject): void {
  const byStatus = new Map<number, string[]>();
  for (const { status, code } of EVERY_OPERATION_PROBLEMS)
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  for (const [status, codes] of byStatus) mergeProblemCodes(operation, status, codes);
}

/** Adds problem codes to an operation's answer for `status`, beside the codes it declares. */
function mergeProblemCodes(operation: OperationObject, status: number, codes: string[]): void {
  const existing = operation.responses[status] as
    | { content?: Record<string, { schema?: { allOf?: { properties?: { code?: { enum?: string[] } } }[] } }> }
    | undefined;
  const declared = existing?.content?.[PROBLEM_CONTENT_TYPE]?.schema?.allOf?.[1]?.properties?.code?.enum;
  if (existing && !declared) return;
  const all = [...new Set([...(declared ?? []), ...codes])];
  operation.responses[status] = {
    description: problemDescription(status, all),
    ...(status === 503
      ? {
          headers: {
            'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
          },
        }
      : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema(all) } },
  };
}

/**
 * The global ValidationPipe refuses fields a request DTO does not declare (`forbidNonWhitelisted`)
 * at every depth, so the schemas of request bodies, and those they reference, say so.
 */
function refuseUnknownFieldsInRequestBodies(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const seen = new Set<string>();
  const visit = (schema: Schema | undefined): void => {
    if (!schema) return;
    if ('$ref' in schema) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (!seen.has(name)) {
        seen.add(name);
        visit(schemas[name]);
      }
      return;
    }
    if (schema.type === 'object' && schema.properties) schema.additionalProperties = false;
    for (const property of Object.values(schema.properties ?? {})) visit(property);
    if (schema.items) visit(schema.items);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) visit(part);
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const body = pathItem[method]?.requestBody;
      if (body && !('$ref' in body)) for (const media of Object.values(body.content)) visit(media.schema);
    }
  }
}

/**
 * OpenAPI 3.0's `nullable` adds null only to the type its own schema names: an enum must still list
 * null, and a nullable reference (Nest writes `nullable` beside `allOf: [$ref]`) would still require
 * the referenced object. Both are rewritten so that null validates wherever the server sends it.
 */
function allowNullInNullableSchemas(document: OpenAPIObject): void {
  const visit = (schema: Schema): Schema => {
    if ('$ref' in schema) return schema;
    for (const [name, property] of Object.entries(schema.properties ?? {})) schema.properties![name] = visit(property);
    if (schema.items) schema.items = visit(schema.items);
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) if (schema[key]) schema[key] = schema[key].map(visit);
    if (!schema.nullable) return schema;
    if (schema.enum && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    if (schema.allOf?.length === 1 && '$ref' in schema.allOf[0]) {
      const { allOf, nullable: _nullable, type: _type, ...annotations } = schema;
      return { ...annotations, oneOf: [allOf[0], { type: 'object', nullable: true, enum: [null] }] };
    }
    return schema;
  };
  const schemas = document.components?.schemas ?? {};
  for (const [name, schema] of Object.entries(schemas)) schemas[name] = visit(schema);
}

export function mountOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: '/openapi.json',
    yamlDocumentUrl: '/openapi.yaml',
    customSiteTitle: 'Puente API',
  });
}
