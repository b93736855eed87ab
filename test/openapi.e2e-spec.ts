import { compileErrors, validate } from '@readme/openapi-parser';
import { createTestApp, type TestApp } from './support/test-app';

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
        if (!String(operation.description ?? '').startsWith('**Roles:**')) problems.push(`${name}: roles not in description`);
        const responses = operation.responses as Record<string, { content?: Record<string, unknown> }>;
        if (!Object.keys(responses).some((status) => status.startsWith('2'))) problems.push(`${name}: no success response`);
        if (roles && !roles.includes('anyone') && !responses['401']?.content?.['application/problem+json']) {
          problems.push(`${name}: 401 not documented as problem+json`);
        }
        if (['post', 'patch', 'put'].includes(method) && !operation.requestBody && operation['x-request-body'] !== 'none') {
          problems.push(`${name}: no request body`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(document.components.schemas.ProblemDto.properties).toHaveProperty('code');
  });

  it('serves the interactive documentation at /docs', async () => {
    const response = await t.http.get('/docs/').expect(200);
    expect(response.text).toContain('swagger-ui');
  });
});
