import { createResponseValidator } from './openapi-validator';

const document = {
  openapi: '3.0.0',
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'Things_get',
        responses: {
          200: {
            description: 'A thing.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          404: {
            description: 'None.',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      },
      delete: { operationId: 'Things_remove', responses: { 204: { description: 'Gone.' } } },
    },
    '/things/mine': {
      get: {
        operationId: 'Things_mine',
        responses: { 200: { description: 'CSV.', content: { 'text/csv': { schema: { type: 'string' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'label', 'kind', 'owner'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          label: { type: 'string', nullable: true },
          kind: { type: 'string', nullable: true, enum: ['a', 'b', null] },
          owner: { oneOf: [{ $ref: '#/components/schemas/Owner' }, { type: 'object', nullable: true, enum: [null] }] },
        },
      },
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Problem: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
    },
  },
};

const ID = '5f52a7ae-18c5-42cd-83d0-d782618c384c';
const validate = createResponseValidator(document);
const ok = {
  method: 'GET',
  path: `/things/${ID}?expand=1`,
  status: 200,
  contentType: 'application/json; charset=utf-8',
};

describe(createResponseValidator.name, () => {
  it.each([
    ['a body as documented', { ...ok, body: { id: ID, label: 'x', kind: 'a', owner: { name: 'Ana' } } }],
    ['nulls where the document allows them', { ...ok, body: { id: ID, label: null, kind: null, owner: null } }],
    [
      'a documented problem',
      { ...ok, status: 404, contentType: 'application/problem+json', body: { code: 'thing_not_found' } },
    ],
    ['no content where none is documented', { method: 'DELETE', path: `/things/${ID}`, status: 204, body: {} }],
    [
      'a literal segment before a parameter, and a body that is not JSON',
      { method: 'get', path: '/things/mine', status: 200, contentType: 'text/csv', body: 'a,b' },
    ],
  ])('accepts %s', (_case, response) => {
    expect(validate(response)).toEqual([]);
  });

  it.each([
    [
      'a wrong type',
      { ...ok, body: { id: ID, label: 3, kind: 'a', owner: null } },
      /GET \/things\/\{id\} \(Things_get\) answered 200 \(application\/json\): \/label must be string/,
    ],
    [
      'a value outside the enum',
      { ...ok, body: { id: ID, label: null, kind: 'c', owner: null } },
      /\/kind must be equal to one of the allowed values/,
    ],
    [
      'a malformed uuid',
      { ...ok, body: { id: 'x', label: null, kind: null, owner: null } },
      /\/id must match format "uuid"/,
    ],
    ['a missing property', { ...ok, body: { id: ID, label: null, kind: null } }, /must have required property 'owner'/],
    [
      'an undocumented status',
      { ...ok, status: 500, contentType: 'application/problem+json', body: { code: 'internal_error' } },
      /answered 500, a status the document does not list \(it lists 200, 404\)/,
    ],
    [
      'an undocumented media type',
      { ...ok, contentType: 'text/html', body: '<p>' },
      /with text\/html, which the document does not list for 200 \(it lists application\/json\)/,
    ],
    [
      'an unknown operation',
      { method: 'PUT', path: `/things/${ID}`, status: 200, body: {} },
      /PUT \/things\/5f52.* is not an operation of the document/,
    ],
  ])('reports %s', (_case, response, message) => {
    const errors = validate(response);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it('reports properties the schema does not list when asked to', () => {
    const strict = createResponseValidator(document, { forbidUndocumentedProperties: true });
    const body = { id: ID, label: null, kind: null, owner: { name: 'Ana', email: 'ana@example.org' }, secret: 'x' };
    expect(validate({ ...ok, body })).toEqual([]);
    expect(strict({ ...ok, body }).join('\n')).toMatch(
      /must NOT have additional properties \{"additionalProperty":"secret"\}[^]*\/owner must NOT have additional properties \{"additionalProperty":"email"\}/,
    );
  });

  it('leaves unknown operations alone when asked to', () => {
    expect(
      createResponseValidator(document, { ignoreUnknownOperations: true })({
        method: 'GET',
        path: '/nowhere',
        status: 404,
        body: {},
      }),
    ).toEqual([]);
  });
});
