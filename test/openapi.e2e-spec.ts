import { Logger } from '@nestjs/common';
import { compileErrors, validate } from '@readme/openapi-parser';
import { buildOpenApiDocument } from '../src/openapi';
import { requestDtoMismatches } from './support/openapi-request-dtos';
import { createTestApp, type TestApp } from './support/test-app';

// The document is read as plain JSON, the way a client generator reads it.
type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

function operations(document: Json): [string, Json][] {
  return Object.entries<Json>(document.paths).flatMap(([path, item]) =>
    Object.entries<Json>(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]): [string, Json] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

/** Every schema object in the document, with where it is. */
function schemasOf(document: Json): [string, Json][] {
  const found: [string, Json][] = [];
  const visit = (schema: Json | undefined, where: string): void => {
    if (!schema || typeof schema !== 'object' || '$ref' in schema) return;
    found.push([where, schema]);
    for (const [name, property] of Object.entries<Json>(schema.properties ?? {})) visit(property, `${where}.${name}`);
    if (schema.items) visit(schema.items, `${where}[]`);
    if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, `${where}{}`);
    for (const key of ['allOf', 'oneOf', 'anyOf'])
      (schema[key] ?? []).forEach((part: Json, index: number) => visit(part, `${where}.${key}[${index}]`));
  };
  for (const [name, schema] of Object.entries<Json>(document.components.schemas)) visit(schema, name);
  for (const [name, operation] of operations(document)) {
    for (const parameter of operation.parameters ?? [])
      visit(parameter.schema, `${name} ${parameter.in} ${parameter.name}`);
    for (const [type, media] of Object.entries<Json>(operation.requestBody?.content ?? {}))
      visit(media.schema, `${name} body ${type}`);
    for (const [status, response] of Object.entries<Json>(operation.responses)) {
      for (const [type, media] of Object.entries<Json>(response.content ?? {}))
        visit(media.schema, `${name} ${status} ${type}`);
    }
  }
  return found;
}

/** The schema a reference points at, or the schema itself. */
function resolve(document: Json, schema: Json): Json {
  return schema.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
}

describe('OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is served at /openapi.json and is a valid OpenAPI document', async () => {
    const response = await t.http.get('/openapi.json').expect(200);
    const result = await validate(structuredClone(response.body));
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(result.specification).toBe('OpenAPI');
  });

  it('describes every endpoint with its roles, request and problem+json errors', async () => {
    const { body: document } = await t.http.get('/openapi.json').expect(200);
    const problems: string[] = [];
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        const roles = operation['x-roles'] as string[] | undefined;
        if (!roles?.length) problems.push(`${name}: no roles`);
        if (!String(operation.description ?? '').startsWith('**Roles:**'))
          problems.push(`${name}: roles not in description`);
        const responses = operation.responses as Record<string, { content?: Record<string, unknown> }>;
        if (!Object.keys(responses).some((status) => status.startsWith('2')))
          problems.push(`${name}: no success response`);
        if (roles && !roles.includes('anyone') && !responses['401']?.content?.['application/problem+json']) {
          problems.push(`${name}: 401 not documented as problem+json`);
        }
        if (
          ['post', 'patch', 'put'].includes(method) &&
          !operation.requestBody &&
          operation['x-request-body'] !== 'none'
        ) {
          problems.push(`${name}: no request body`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(document.components.schemas.ProblemDto.properties).toHaveProperty('code');
  });

  it('gives every value a type: no object without properties, no property without a type', async () => {
    const { body: document } = await t.http.get('/openapi.json').expect(200);
    const problems: string[] = [];
    for (const [where, schema] of schemasOf(document)) {
      const composed = ['allOf', 'oneOf', 'anyOf'].some((key) => key in schema);
      const isNull =
        schema.nullable === true && Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null;
      if (!schema.type && !composed) problems.push(`${where}: no type`);
      if (schema.type === 'object' && !schema.properties && !schema.additionalProperties && !isNull && !composed)
        problems.push(`${where}: an object without properties`);
      if (schema.type === 'array' && !schema.items) problems.push(`${where}: an array without items`);
      if (schema.nullable && !schema.type)
        problems.push(`${where}: nullable without a type (OpenAPI 3.0 then allows no null)`);
      if (schema.nullable && schema.enum && !schema.enum.includes(null))
        problems.push(`${where}: nullable, but null is not in its enum`);
      if (schema.nullable && schema.allOf)
        problems.push(`${where}: nullable beside allOf, which still requires the referenced object`);
    }
    expect(problems).toEqual([]);
  });

  it('says what path parameters and pages the server accepts: ids are UUIDs, dates are dates, pages are bounded integers', async () => {
    const { body: document } = await t.http.get('/openapi.json').expect(200);
    const problems: string[] = [];
    for (const [name, operation] of operations(document)) {
      for (const parameter of operation.parameters ?? []) {
        const schema = JSON.stringify(parameter.schema);
        if (
          parameter.in === 'path' &&
          /(^id|Id)$/.test(parameter.name) &&
          schema !== JSON.stringify({ type: 'string', format: 'uuid' })
        )
          problems.push(`${name} ${parameter.name}: ${schema}`);
        if (
          parameter.in === 'path' &&
          parameter.name === 'date' &&
          schema !== JSON.stringify({ type: 'string', format: 'date' })
        )
          problems.push(`${name} ${parameter.name}: ${schema}`);
        if (
          parameter.in === 'query' &&
          parameter.name === 'page' &&
          !(
            parameter.schema.type === 'integer' &&
            parameter.schema.minimum === 1 &&
            parameter.schema.maximum === 100_000
          )
        )
          problems.push(`${name} page: ${schema}`);
        if (
          parameter.in === 'query' &&
          parameter.name === 'pageSize' &&
          !(parameter.schema.type === 'integer' && parameter.schema.minimum === 1 && parameter.schema.maximum === 100)
        )
          problems.push(`${name} pageSize: ${schema}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses unknown fields in every request body, at every depth, as the validation pipe does', async () => {
    const { body: document } = await t.http.get('/openapi.json').expect(200);
    const problems: string[] = [];
    const seen = new Set<Json>();
    const visit = (schema: Json | undefined, where: string): void => {
      if (!schema || seen.has(schema)) return;
      seen.add(schema);
      const resolved = resolve(document, schema);
      if (resolved.type === 'object' && resolved.properties && resolved.additionalProperties !== false)
        problems.push(`${where}${schema.$ref ? ` (${schema.$ref})` : ''}`);
      for (const [name, property] of Object.entries<Json>(resolved.properties ?? {}))
        visit(property, `${where}.${name}`);
      if (resolved.items) visit(resolved.items, `${where}[]`);
      for (const key of ['allOf', 'oneOf', 'anyOf']) for (const part of resolved[key] ?? []) visit(part, where);
    };
    for (const [name, operation] of operations(document)) {
      for (const [type, media] of Object.entries<Json>(operation.requestBody?.content ?? {}))
        visit(media.schema, `${name} ${type}`);
    }
    expect(problems).toEqual([]);
  });

  it('documents each request field as the validation pipe checks it: presence, null, type, format, bounds and allowed values', async () => {
    const { body: document } = await t.http.get('/openapi.json').expect(200);
    expect(requestDtoMismatches(t.app, document)).toEqual([]);
  });

  it('is generated without a warning, every schema under a name of its own', () => {
    const warn = jest.spyOn(Logger, 'warn');
    try {
      buildOpenApiDocument(t.app);
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('serves the interactive documentation at /docs', async () => {
    const response = await t.http.get('/docs/').expect(200);
    expect(response.text).toContain('swagger-ui');
  });
});
