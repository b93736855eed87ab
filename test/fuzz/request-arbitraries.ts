/**
 * fast-check arbitraries for requests to one OpenAPI operation: path parameters, query
 * parameters and bodies built from the document's schemas, valid-ish or deliberately broken.
 * Ids are drawn as references into pools of real objects, resolved only when the request is sent,
 * so a later request can use what an earlier one created.
 */
import fc from 'fast-check';
import { TINY_JPEG, buildPng } from '../fixtures/attachments/builders';

export type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  example?: unknown;
  default?: unknown;
};

export interface Operation {
  method: string;
  path: string;
  operationId?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema; description?: string }[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  'x-roles'?: string[];
}

/** A value to be taken from a pool of real objects (or values) when the request is sent. */
export class Ref {
  constructor(
    readonly kind: string,
    readonly index: number,
  ) {}
}

export interface FilePart {
  field: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array | Ref;
}

export type BodyPlan =
  | { kind: 'none' }
  /** A JSON text, labelled `contentType` (default application/json; null: no Content-Type). */
  | { kind: 'json'; value: unknown; contentType?: string | null }
  | { kind: 'raw'; contentType: string | null; data: string | Uint8Array }
  | { kind: 'multipart'; files: FilePart[]; fields: [string, string][] };

export interface RequestPlan {
  pathParams: Record<string, unknown>;
  query: [string, unknown][];
  language: string | null;
  body: BodyPlan;
}

/** Known objects and values by kind, filled by the seed and by what responses return. */
export class Pools {
  private readonly pools = new Map<string, unknown[]>();

  add(kind: string, value: unknown): void {
    if (value === undefined || value === null) return;
    const pool = this.pools.get(kind) ?? [];
    if (pool.includes(value)) return;
    pool.push(value);
    // Seeds stay first; harvested values rotate so the pool keeps a bounded, recent tail.
    if (pool.length > 60) pool.splice(20, 1);
    this.pools.set(kind, pool);
  }

  values(kind: string): readonly unknown[] {
    return this.pools.get(kind) ?? [];
  }

  /** The value a reference names; a kind with nothing known yet gives a well-formed stranger's id. */
  resolve(ref: Ref): unknown {
    const pool = this.pools.get(ref.kind);
    return pool?.length ? pool[ref.index % pool.length] : strangerUuid(ref.index);
  }

  /** Replaces every reference inside a value by what it names. */
  deepResolve(value: unknown): unknown {
    if (value instanceof Ref) return this.resolve(value);
    if (Array.isArray(value)) return value.map((item) => this.deepResolve(item));
    if (value instanceof Uint8Array) return value;
    if (value instanceof DistinctRefs)
      return [...new Set(value.indexes.map((index) => this.resolve(new Ref(value.kind, index))))];
    if (value instanceof RefKeyed)
      return Object.fromEntries(
        value.entries.map(([key, item]) => [String(this.deepResolve(key)), this.deepResolve(item)]),
      );
    if (value instanceof CellList) return value.values.map((item) => String(this.deepResolve(item))).join('|');
    if (value instanceof CsvPlan) return renderCsv(value, this);
    if (value && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[key] = this.deepResolve(item);
      return copy;
    }
    return value;
  }
}

function strangerUuid(index: number): string {
  const hex = (index >>> 0).toString(16).padStart(12, '0').slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
}

/** The pool kind of an id named `name` (`seminarId`, `referralHospitalIds`…). */
export function kindOfName(name: string): string | undefined {
  const base = name.replace(/Ids?$/, '');
  const kinds: Record<string, string> = {
    topic: 'topics',
    network: 'networks',
    venue: 'venues',
    person: 'people',
    attendee: 'people',
    unit: 'units',
    referralHospital: 'hospitals',
    hospital: 'hospitals',
    specialty: 'specialties',
    seminar: 'seminars',
    responsible: 'facilitators',
    facilitator: 'facilitators',
    reviewer: 'people',
    author: 'people',
    case: 'cases',
    sourceCase: 'cases',
    agendaBlock: 'agendaBlocks',
    form: 'forms',
    daily: 'forms',
    final: 'forms',
    diagnostic: 'forms',
    job: 'jobs',
    run: 'runs',
    otherRun: 'runs',
    enrolment: 'enrolments',
    certificate: 'certificates',
    attachment: 'attachments',
    seminarDay: 'seminarDays',
  };
  return kinds[base];
}

const SEGMENT_KINDS: Record<string, string> = {
  networks: 'networks',
  units: 'units',
  specialties: 'specialties',
  people: 'people',
  topics: 'topics',
  seminars: 'seminars',
  venues: 'venues',
  runs: 'runs',
  pins: 'pins',
  enrolments: 'enrolments',
  'release-requests': 'releases',
  cases: 'cases',
  'evaluation-forms': 'forms',
  certificates: 'certificates',
  jobs: 'jobs',
  facilitators: 'facilitators',
  attachments: 'attachments',
  compare: 'runs',
  evaluations: 'seminars',
  holidays: 'dates',
  days: 'dates',
  calendar: 'calendarTokens',
  templates: 'templates',
  verify: 'registryNumbers',
  status: 'statusLists',
  versions: 'formVersions',
};

/** The pool kind of a path parameter, from the literal segment before it. */
export function kindOfPathParam(path: string, name: string): string {
  if (name === 'occasion') return 'occasions';
  if (name === 'date') return 'dates';
  const segments = path.split('/');
  const index = segments.findIndex((segment) => segment.startsWith(`{${name}}`));
  const before = segments[index - 1] ?? '';
  return SEGMENT_KINDS[before] ?? kindOfName(name) ?? before;
}

/** The pool kind of what a path names or lists: `/seminars/{id}/cases` → cases. */
export function kindOfPath(path: string): string | undefined {
  const literal = path.split('/').filter((segment) => segment && !segment.startsWith('{'));
  for (let i = literal.length - 1; i >= 0; i -= 1) {
    const kind = SEGMENT_KINDS[literal[i]];
    if (kind) return kind;
  }
  return undefined;
}

export class SchemaResolver {
  constructor(private readonly document: { components?: { schemas?: Record<string, Schema> } }) {}

  /** Follows `$ref` and Nest's single-member `allOf` wrappers. */
  resolve(schema: Schema | undefined): Schema {
    let current = schema ?? {};
    for (let hops = 0; hops < 20; hops += 1) {
      if (current.$ref) {
        const name = current.$ref.replace('#/components/schemas/', '');
        current = { ...this.document.components?.schemas?.[name], ...(current.nullable ? { nullable: true } : {}) };
      } else if (current.allOf?.length === 1) {
        const { allOf, ...rest } = current;
        current = { ...rest, ...this.resolve(allOf[0]) };
      } else break;
    }
    return current;
  }
}

// ---------------------------------------------------------------------------------------------
// Strings

const SPANISH = [
  'Salud materna y perinatal',
  'Manejo de la diabetes en el primer nivel',
  'Caso de preeclampsia con datos de severidad',
  'Vacaciones',
  'Falta personal',
  'Asistencia registrada por error',
  'Nombre corregido a petición del titular',
  'Centro de Salud Xalapa Norte',
  'Av. Xalapa 100, Xalapa, Ver.',
  'José Ñúñez Güémez',
  'María Fernanda Ávila Íñiguez',
  'Reconocer los datos de alarma',
];

/** Text that has broken services before: NUL, lone surrogates, bidi overrides, injections. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '😀'.repeat(40),
  '\u202eevil',
  'e\u0301',
  '\uFEFFbom',
  "'; DROP TABLE person; --",
  "' OR '1'='1",
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\r\n\t',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '1e309',
  '   ',
  'İıßẞ',
  '\\',
  '"',
  '%',
  '_',
  '*',
  '&',
  '|',
  ';',
  ',',
  '\u0085\u2028\u2029',
];

const nastyString = fc.constantFrom(...NASTY_STRINGS);

const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPANISH) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: nastyString },
);

const calendarDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const malformedDate = fc.constantFrom(
  '2031-02-30',
  '2031-13-01',
  '2031-00-10',
  '31-03-17',
  '2031/03/17',
  '2031-3-7',
  '20310317',
  'today',
  '',
  '2031-03-17T10:00:00Z',
  '9999-12-31',
  '0000-01-01',
  '2031-02-29',
  '+02031-03-17',
);

/** Dates the services accept: days of real seminars and holidays, or any day this century. */
const goodDate = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((i) => new Ref('dates', i)) },
  { weight: 1, arbitrary: calendarDate },
);

const dateString = fc.oneof({ weight: 8, arbitrary: goodDate }, { weight: 1, arbitrary: malformedDate });

const goodDateTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const dateTime = fc.oneof(
  goodDateTime,
  fc.constantFrom('2031-04-08T15:00:00Z', '2031-04-08', 'yesterday', '2031-04-08T25:00:00Z'),
);

/** Times on the half hour inside the seminar day (08:00–16:00). */
const goodClockTime = fc
  .tuple(fc.integer({ min: 8, max: 16 }), fc.constantFrom(0, 30))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const clockTime = fc.oneof(
  { weight: 4, arbitrary: goodClockTime },
  { weight: 1, arbitrary: fc.constantFrom('24:00', '23:59', '00:00', '8:00', '08:60', '08:00:00', 'noon') },
);

const malformedId = fc.constantFrom(
  'not-a-uuid',
  ' ',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123',
  '',
  'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
  '00000000-0000-4000-8000-00000000000',
  "1' OR '1'='1",
  '%00',
  'null',
);

function uuidValue(kind: string | undefined, strict: boolean): fc.Arbitrary<unknown> {
  const real = fc.nat().map((i) => new Ref(kind ?? 'unknown', i));
  if (strict) return kind ? real : fc.uuid();
  return fc.oneof(
    { weight: kind ? 7 : 0, arbitrary: real },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: malformedId },
  );
}

const goodEmail = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((i) => new Ref('emails', i)) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z]{3,10}\.[a-z]{3,10}@salud\.example$/) },
);

function emailValue(strict: boolean): fc.Arbitrary<unknown> {
  if (strict) return goodEmail;
  return fc.oneof(
    { weight: 4, arbitrary: goodEmail },
    { weight: 2, arbitrary: fc.emailAddress() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'no-at-sign',
        '@salud.example',
        'a@b',
        'MAYÚSCULAS@Salud.Example',
        ' spaced@salud.example ',
      ),
    },
  );
}

/** Ordinary words: what a person would type into the field. */
const plainText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPANISH) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-zÁÉÍÓÚáéíóúÑñ][A-Za-zÁÉÍÓÚáéíóúÑñ ]{4,30}$/) },
);

function pick<T>(strict: boolean, good: fc.Arbitrary<T>, loose: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return strict ? good : fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: loose });
}

function stringValue(schema: Schema, name: string, strict: boolean): fc.Arbitrary<unknown> {
  const format = schema.format;
  const example = typeof schema.example === 'string' ? schema.example : undefined;
  const lower = name.toLowerCase();
  if (format === 'uuid' || /Ids?$/.test(name)) return uuidValue(kindOfName(name), strict);
  if (
    format === 'date' ||
    (example && /^\d{4}-\d{2}-\d{2}$/.test(example)) ||
    ['date', 'from', 'to', 'startdate', 'enddate'].includes(lower)
  )
    return strict ? goodDate : dateString;
  if (format === 'date-time') return strict ? goodDateTime : dateTime;
  if (example && /^\d{2}:\d{2}$/.test(example)) return strict ? goodClockTime : clockTime;
  if (lower.includes('email') || lower === 'recipient') return emailValue(strict);
  if (lower.includes('password'))
    return pick(
      strict,
      fc.oneof(
        fc.nat().map((i) => new Ref('passwords', i)),
        fc.stringMatching(/^[A-Za-z0-9-]{12,40}$/),
      ),
      fc.string({ maxLength: 80 }),
    );
  if (lower === 'refreshtoken' || lower === 'token')
    return pick(
      strict,
      fc.nat().map((i) => new Ref('tokens', i)),
      fc.base64String({ maxLength: 64 }),
    );
  if (lower === 'code')
    return pick(
      strict,
      fc.nat().map((i) => new Ref('codes', i)),
      fc.oneof(fc.stringMatching(/^[A-Z0-9]{6}$/), anyText),
    );
  if (lower === 'licencenumber') return pick(strict, fc.stringMatching(/^\d{5,12}$/), anyText);
  if (lower === 'phone')
    return pick(strict, fc.constantFrom('+52 228 123 4567', '2281234567', '228 555 0101'), anyText);
  let good: fc.Arbitrary<unknown> = plainText;
  if (schema.pattern) {
    try {
      good = fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern fast-check cannot generate from is covered by plain text.
    }
  }
  if (example) good = fc.oneof(good, fc.constant(example));
  if (lower === 'name' || lower === 'title')
    good = fc.oneof(
      good,
      fc.nat().map((i) => new Ref(`${lower}s`, i)),
    );
  const values = pick(strict, good, anyText);
  const { maxLength, minLength } = schema;
  return values.map((value) => {
    if (typeof value !== 'string') return value;
    let result = maxLength !== undefined ? value.slice(0, maxLength) : value;
    if (minLength !== undefined && result.length < minLength) result = result.padEnd(minLength, 'x');
    return result;
  });
}

function numberValue(schema: Schema, strict: boolean): fc.Arbitrary<unknown> {
  const example = typeof schema.example === 'number' ? schema.example : undefined;
  const min = schema.minimum ?? (example !== undefined ? example - 2 : 0);
  const max = schema.maximum ?? (example !== undefined ? example + 2 : Math.max(min + 50, 50));
  let good: fc.Arbitrary<number>;
  if (schema.multipleOf && schema.multipleOf < 1) {
    const step = schema.multipleOf;
    good = fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => n * step);
  } else {
    good = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  }
  if (example !== undefined) good = fc.oneof(good, fc.constant(example));
  if (strict) return good;
  return fc.oneof(
    { weight: 6, arbitrary: good },
    { weight: 1, arbitrary: fc.double({ min: min - 10, max: max + 10, noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, -1, 0) },
  );
}

/**
 * Values for a schema. Strict ones are what a careful client sends (real ids, good dates, plain
 * words, numbers in range), to reach the rules behind validation; loose ones stray now and then
 * (a stranger's id, a malformed date, odd text). `name` is the property or parameter the value is
 * for; it picks id pools and formats.
 */
export function valueFor(
  resolver: SchemaResolver,
  raw: Schema | undefined,
  name = '',
  strict = false,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolver.resolve(raw);
  const value = baseValueFor(resolver, schema, name, strict, depth);
  return schema.nullable
    ? fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) })
    : value;
}

function baseValueFor(
  resolver: SchemaResolver,
  schema: Schema,
  name: string,
  strict: boolean,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return fc.oneof(...variants.map((variant) => valueFor(resolver, variant, name, strict, depth)));
  // Some request properties are documented as bare objects (Nest's reading of `string | null`);
  // their values are strings, so a careful client sends what the service expects rather than what
  // the document says, and a sloppy one sends either.
  const bareObject =
    schema.type === 'object' && !schema.properties && !schema.additionalProperties && name !== 'answers';
  if (bareObject && !strict && schema.format === undefined)
    return fc.oneof(
      stringValue(schema, name, false),
      fc.dictionary(fc.string({ maxLength: 8 }), anyText, { maxKeys: 3 }),
    );
  const type = bareObject ? 'string' : schema.type;
  switch (type) {
    case 'string':
      return stringValue(schema, name, strict);
    case 'number':
    case 'integer':
      return numberValue(schema, strict);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3));
      const itemName = name.endsWith('Ids') ? name.replace(/Ids$/, 'Id') : name;
      const items = valueFor(resolver, schema.items, itemName, strict, depth + 1);
      // Lists of ids name each object once; a strict client does not repeat itself.
      return strict && itemName.endsWith('Id')
        ? fc
            .uniqueArray(fc.nat({ max: 50 }), { minLength, maxLength })
            .map((indexes) => new DistinctRefs(kindOfName(itemName) ?? 'unknown', indexes))
        : fc.array(items, { minLength, maxLength });
    }
    case 'object':
    default: {
      if (schema.properties && depth < 8) {
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [property, propertySchema] of Object.entries(schema.properties))
          model[property] = valueFor(resolver, propertySchema, property, strict, depth + 1);
        const requiredKeys = (schema.required ?? []).filter((key) => key in model);
        return fc.record(model, { requiredKeys });
      }
      if (name === 'answers') return answersValue(strict);
      if (schema.additionalProperties || type === 'object')
        return fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.integer({ min: 0, max: 5 }), anyText), {
          maxKeys: 4,
        });
      return fc.oneof(anyText, fc.integer(), fc.boolean(), fc.constant(null));
    }
  }
}

/** Evaluation answers: item ids of real forms mapped to Likert values, texts, choices, or per-facilitator objects. */
function answersValue(strict: boolean): fc.Arbitrary<unknown> {
  const likert = fc.integer({ min: 1, max: 5 });
  const perFacilitator = fc
    .array(
      fc.tuple(
        fc.nat().map((i) => new Ref('facilitators', i)),
        likert,
      ),
      { maxLength: 3 },
    )
    .map((entries) => new RefKeyed(entries));
  const good = fc.oneof(
    { weight: 5, arbitrary: likert },
    { weight: 2, arbitrary: plainText },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.nat().map((i) => new Ref('optionIds', i)),
        { maxLength: 3 },
      ),
    },
    { weight: 1, arbitrary: fc.nat().map((i) => new Ref('optionIds', i)) },
    { weight: 2, arbitrary: perFacilitator },
  );
  const answer = strict
    ? good
    : fc.oneof(
        { weight: 4, arbitrary: good },
        {
          weight: 1,
          arbitrary: fc.oneof(fc.integer({ min: -3, max: 12 }), anyText, fc.constantFrom(null, [], {}, true)),
        },
      );
  const key = strict
    ? fc.nat().map((i) => new Ref('itemIds', i))
    : fc.oneof(
        { weight: 4, arbitrary: fc.nat().map((i) => new Ref('itemIds', i)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
      );
  return fc.array(fc.tuple(key, answer), { maxLength: 8 }).map((entries) => new RefKeyed(entries));
}

/** Several objects of a kind, each named once however small the pool is. */
export class DistinctRefs {
  constructor(
    readonly kind: string,
    readonly indexes: number[],
  ) {}
}

/** An object whose keys may be references: resolved into a plain object when the request is sent. */
export class RefKeyed {
  constructor(readonly entries: [unknown, unknown][]) {}
}

// ---------------------------------------------------------------------------------------------
// Mutations of valid-ish values

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...prefix, index], out));
  else if (
    value &&
    typeof value === 'object' &&
    !(value instanceof Ref) &&
    !(value instanceof RefKeyed) &&
    !(value instanceof DistinctRefs)
  ) {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  }
  return out;
}

function setAt(value: unknown, path: Path, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (remove && rest.length === 0) copy.splice(Number(head), 1);
    else copy[Number(head)] = setAt(copy[Number(head)], rest, replacement, remove);
    return copy;
  }
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (remove && rest.length === 0) delete copy[String(head)];
    else copy[String(head)] = setAt(copy[String(head)], rest, replacement, remove);
    return copy;
  }
  return value;
}

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

/** A value of the wrong kind for almost any field. */
const wrongValue = fc.oneof(
  fc.constantFrom(
    null,
    0,
    -1,
    1.5,
    2 ** 31,
    -(2 ** 53),
    1e308,
    '',
    'x',
    true,
    false,
    [],
    {},
    [null],
    { a: 1 },
    ['x'],
    '2031-02-30',
    '00000000-0000-0000-0000-000000000000',
  ),
  nastyString,
  fc.uuid(),
  fc.integer({ min: 1000, max: 20000 }).map((n) => 'x'.repeat(n * 5)),
  fc.integer({ min: 2, max: 28 }).map((depth) => nested(depth, 1)),
  fc.jsonValue({ maxDepth: 3 }),
);

const extraKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'status',
  'role',
  'roles',
  'ownerId',
  'createdAt',
  'passwordHash',
  'active',
  'extra',
  '',
  ' ',
  '$where',
  'a.b',
);

/** Numbers at the edges of what JavaScript, JSON and PostgreSQL's integer types hold. */
const edgeNumber = fc.constantFrom(
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  5e-324,
  1e-7,
  -0,
  0.1 + 0.2,
  -1,
  0,
  0.5,
  99999,
);

/** Text at the edges: characters PostgreSQL or validators may choke on, or far too much of it. */
const edgeText = fc.oneof(
  nastyString,
  fc.constantFrom(
    '\ud800',
    'ana\ud800@salud.example',
    '\u0000',
    'x\u0000y',
    '\udfff\ud800',
    '\u{10FFFF}',
    '\uFFFE',
    '\u0007\u001b[31m',
  ),
  fc.integer({ min: 1000, max: 60_000 }).map((n) => 'Ω'.repeat(n)),
  fc.integer({ min: 1, max: 40 }).map((n) => '9'.repeat(n)),
);

/** Real days at the edges of the calendars involved: JavaScript's, PostgreSQL's, leap years. */
const edgeDate = fc.constantFrom(
  '0001-01-01',
  '0000-01-01',
  '9999-12-31',
  '9999-12-24',
  '1899-12-31',
  '1970-01-01',
  '2000-02-29',
  '2100-02-28',
  '2031-12-31',
  '2032-02-29',
  '2038-01-19',
);

function isDateLike(value: unknown): boolean {
  return (
    (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) || (value instanceof Ref && value.kind === 'dates')
  );
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)?.[step], value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Ref) &&
    !(value instanceof RefKeyed) &&
    !(value instanceof DistinctRefs)
  );
}

/**
 * A valid-ish value with one thing broken: a wrong type, a number or a text at an edge where there
 * was one of its kind, a missing field, an extra field, or a deep value.
 */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const how = fc.constantFrom(
    'wrong',
    'wrong',
    'wrong',
    'edgeNumber',
    'edgeNumber',
    'edgeText',
    'edgeText',
    'edgeDate',
    'edgeDate',
    'delete',
    'extra',
    'deep',
  );
  return fc
    .tuple(valid, fc.nat(), how, wrongValue, edgeNumber, edgeText, edgeDate, extraKey)
    .map(([value, pick, kind, wrong, number, text, date, key]) => {
      const paths = pathsOf(value);
      const choose = (candidates: Path[]) => (candidates.length > 0 ? candidates[pick % candidates.length] : undefined);
      switch (kind) {
        case 'edgeDate': {
          const path = choose(paths.filter((candidate) => isDateLike(valueAt(value, candidate))));
          if (path) return setAt(value, path, date);
          break;
        }
        case 'edgeNumber': {
          const path = choose(paths.filter((candidate) => typeof valueAt(value, candidate) === 'number'));
          if (path) return setAt(value, path, number);
          break;
        }
        case 'edgeText': {
          const path = choose(
            paths.filter(
              (candidate) => typeof valueAt(value, candidate) === 'string' || valueAt(value, candidate) instanceof Ref,
            ),
          );
          if (path) return setAt(value, path, text);
          break;
        }
        case 'delete': {
          const path = choose(paths);
          return path ? setAt(value, path, undefined, true) : {};
        }
        case 'extra': {
          const target = choose([[], ...paths].filter((candidate) => isPlainObject(valueAt(value, candidate)))) ?? [];
          const object = valueAt(value, target);
          if (!isPlainObject(object)) return { [key]: wrong };
          // JSON.parse gives __proto__ as an own key, as a hostile client's body would.
          const withExtra = { ...object };
          Object.defineProperty(withExtra, key, { value: wrong, enumerable: true, configurable: true, writable: true });
          return target.length > 0 ? setAt(value, target, withExtra) : withExtra;
        }
        case 'deep': {
          const path = choose(paths);
          return path ? setAt(value, path, nested(5 + (pick % 40), wrong)) : nested(5 + (pick % 40), wrong);
        }
      }
      const path = choose(paths);
      return path ? setAt(value, path, wrong) : wrong;
    });
}

/** Bodies that are not what a JSON endpoint expects at all. */
const oddJsonBody: fc.Arbitrary<BodyPlan> = fc.oneof(
  fc
    .constantFrom<unknown>(null, [], 'text', 42, true, {}, [{}])
    .map((value): BodyPlan => ({ kind: 'raw', contentType: 'application/json', data: JSON.stringify(value) })),
  fc
    .constantFrom(
      '',
      '{',
      '{"a":',
      '{"a":1,}',
      "{'a':1}",
      '\u0000',
      '{"a":1}{"b":2}',
      '\uFEFF{}',
      '{"__proto__":{"admin":true}}',
      '{"a":1,"a":2}',
      'NaN',
      '['.repeat(40) + ']'.repeat(40),
    )
    .map((data): BodyPlan => ({ kind: 'raw', contentType: 'application/json', data })),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((data): BodyPlan => ({ kind: 'raw', contentType: 'application/json', data })),
  fc.constant<BodyPlan>({
    kind: 'raw',
    contentType: 'application/json',
    data: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
  }),
  fc.constant<BodyPlan>({ kind: 'raw', contentType: 'application/json; charset=latin1', data: '{"a":"é"}' }),
  fc.constant<BodyPlan>({ kind: 'raw', contentType: 'application/json; charset=utf-16', data: '{}' }),
  fc.constant<BodyPlan>({ kind: 'none' }),
);

/** The right bytes labelled with the wrong media type (or none). */
function wrongContentType(valid: fc.Arbitrary<unknown>): fc.Arbitrary<BodyPlan> {
  return fc
    .tuple(
      valid,
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        null,
        'application/merge-patch+json',
      ),
    )
    .map(([value, contentType]): BodyPlan => ({ kind: 'json', value: value ?? {}, contentType }));
}

/** Over the body limit: a 413 rather than anything worse. */
const oversizeBody: fc.Arbitrary<BodyPlan> = fc.integer({ min: 300_000, max: 400_000 }).map((size): BodyPlan => ({
  kind: 'raw',
  contentType: 'application/json',
  data: JSON.stringify({ text: 'a'.repeat(size) }),
}));

export function jsonBodyArbitrary(resolver: SchemaResolver, schema: Schema): fc.Arbitrary<BodyPlan> {
  const valid = valueFor(resolver, schema, '', true);
  const loose = valueFor(resolver, schema, '', false);
  return fc.oneof(
    { weight: 8, arbitrary: valid.map((value): BodyPlan => ({ kind: 'json', value })) },
    { weight: 4, arbitrary: loose.map((value): BodyPlan => ({ kind: 'json', value })) },
    { weight: 5, arbitrary: mutated(valid).map((value): BodyPlan => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: oddJsonBody },
    { weight: 1, arbitrary: wrongContentType(valid) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 33, max: 200 })
        .map((depth): BodyPlan => ({ kind: 'json', value: nested(depth, 'x') })),
    },
    { weight: 1, arbitrary: oversizeBody },
  );
}

/** A body for operations that take none: usually none, sometimes something they must ignore or refuse. */
export const noBodyArbitrary: fc.Arbitrary<BodyPlan> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<BodyPlan>({ kind: 'none' }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value): BodyPlan => ({ kind: 'json', value })) },
  { weight: 1, arbitrary: oddJsonBody },
);

// ---------------------------------------------------------------------------------------------
// Uploads

/** Each import's columns in English and, in the same order, their Spanish headers. */
const CSV_COLUMNS: Record<string, [string[], string[]]> = {
  units: [
    ['code', 'name', 'level', 'network', 'address', 'referral_hospitals'],
    ['clave', 'nombre', 'nivel', 'red', 'domicilio', 'hospitales_de_referencia'],
  ],
  people: [
    ['full_name', 'email', 'licence_number', 'phone', 'unit_code', 'specialty_code', 'roles', 'locale'],
    ['nombre', 'correo', 'cedula', 'telefono', 'unidad', 'especialidad', 'roles', 'idioma'],
  ],
  'training-needs': [
    ['email', 'topic', 'interest', 'willing', 'trained_before', 'wish', 'licence_number'],
    ['correo', 'tema', 'interes', 'dispuesto', 'capacitado_antes', 'deseo', 'cedula'],
  ],
};

const CELL_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  code: fc.oneof(
    fc.nat().map((i) => new Ref('unitCodes', i)),
    fc.stringMatching(/^[A-Z]{2}[0-9A-F]{4,8}$/),
  ),
  unit_code: fc.nat().map((i) => new Ref('unitCodes', i)),
  level: fc.constantFrom('primary', 'secondary', 'tertiary', 'primario', 'cuarto'),
  network: fc.nat().map((i) => new Ref('networkNames', i)),
  referral_hospitals: fc
    .array(
      fc.nat().map((i) => new Ref('hospitalCodes', i)),
      { maxLength: 2 },
    )
    .map((codes) => new CellList(codes)),
  email: emailValue(false),
  licence_number: fc.stringMatching(/^\d{5,12}$/),
  specialty_code: fc.nat().map((i) => new Ref('specialtyCodes', i)),
  roles: fc.constantFrom('attendee', 'facilitator', 'attendee|manager', 'office', 'nadie'),
  locale: fc.constantFrom('es', 'en', 'fr'),
  topic: fc.oneof(
    fc.nat().map((i) => new Ref('titles', i)),
    fc.nat().map((i) => new Ref('topics', i)),
  ),
  interest: fc.constantFrom('0', '1', '2', '3', '4', '-1', 'alto'),
  willing: fc.constantFrom('sí', 'si', 'yes', 'true', '1', 'no', 'false', '0', 'quizá'),
  trained_before: fc.constantFrom('sí', 'no', '', 'x'),
};

/** Cells holding several values separated by `|`. */
export class CellList {
  constructor(readonly values: unknown[]) {}
}

/** A CSV upload: a header from the import's columns, rows of plausible or broken cells. */
export class CsvPlan {
  constructor(
    readonly header: string[],
    readonly rows: unknown[][],
    readonly separator: string,
    readonly bom: boolean,
  ) {}
}

function csvArbitrary([english, spanish]: [string[], string[]]): fc.Arbitrary<CsvPlan> {
  const cell = (column: string) =>
    fc.oneof(
      { weight: 8, arbitrary: CELL_VALUES[column] ?? plainText },
      { weight: 1, arbitrary: anyText },
      { weight: 1, arbitrary: fc.constant('') },
    );
  // The leading columns are the required ones: most files have them, in either language.
  const header = fc
    .tuple(fc.integer({ min: 1, max: english.length }), fc.boolean(), fc.boolean())
    .map(([count, inSpanish, shuffled]) => {
      const columns = english
        .slice(0, count)
        .map((column, index) => ({ column, title: inSpanish ? spanish[index] : column }));
      return shuffled ? [...columns].reverse() : columns;
    });
  return fc
    .tuple(header, fc.constantFrom(',', ',', ';', '\t'), fc.boolean(), fc.integer({ min: 0, max: 5 }))
    .chain(([columns, separator, bom, count]) =>
      fc.array(fc.tuple(...columns.map(({ column }) => cell(column))), { minLength: count, maxLength: count }).map(
        (rows) =>
          new CsvPlan(
            columns.map(({ title }) => title),
            rows,
            separator,
            bom,
          ),
      ),
    );
}

function csvCell(value: unknown, separator: string): string {
  const cell = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return /["\r\n]/.test(cell) || cell.includes(separator) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function renderCsv(plan: CsvPlan, pools: Pools): Buffer {
  const lines = [plan.header, ...plan.rows.map((row) => row.map((cell) => pools.deepResolve(cell)))].map((row) =>
    row.map((cell) => csvCell(cell, plan.separator)).join(plan.separator),
  );
  return Buffer.from(`${plan.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, 'utf8');
}

const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

function fileBytes(columns: [string[], string[]] | undefined): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: columns ? 8 : 0, arbitrary: columns ? csvArbitrary(columns) : fc.constant(new Uint8Array()) },
    { weight: columns ? 0 : 3, arbitrary: fc.constantFrom(buildPng(), TINY_JPEG, MINIMAL_PDF) },
    { weight: columns ? 0 : 2, arbitrary: fc.nat().map((i) => new Ref('pdfs', i)) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        new Uint8Array(),
        Buffer.from('\uFEFF'),
        Buffer.from('%PDF-'),
        Buffer.from([0x89, 0x50, 0x4e, 0x47]),
        Buffer.from([0xff, 0xd8, 0xff]),
        Buffer.from('PK\u0003\u0004'),
      ),
    },
  );
}

const filename = fc.oneof(
  fc.constantFrom('personas.csv', 'unidades.csv', 'caso.pdf', 'radiografía.png', 'foto.jpg', 'informe.docx'),
  fc.constantFrom(
    '',
    '../../etc/passwd',
    'a'.repeat(300),
    'nul\u0000.csv',
    'ñandú 😀.csv',
    '.htaccess',
    'con',
    'x.exe',
  ),
  fc.string({ maxLength: 20 }).map((name) => name.replace(/["\r\n]/g, '_')),
);

const mediaType = fc.constantFrom(
  'text/csv',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/octet-stream',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/svg+xml',
);

export function multipartArbitrary(path: string, schema: Schema, resolver: SchemaResolver): fc.Arbitrary<BodyPlan> {
  const resolved = resolver.resolve(schema);
  const fileFields = Object.entries(resolved.properties ?? {})
    .filter(([, property]) => resolver.resolve(property).format === 'binary')
    .map(([field]) => field);
  const field = fileFields[0] ?? 'file';
  const columns = Object.entries(CSV_COLUMNS).find(([segment]) => path.includes(`/${segment}/import`))?.[1];
  const file = fc.record({
    field: fc.constant(field),
    filename,
    contentType: mediaType,
    bytes: fileBytes(columns),
  }) as fc.Arbitrary<FilePart>;
  const upload = fc
    .tuple(file, fc.array(fc.tuple(fc.constantFrom('note', field, 'commit', '__proto__'), anyText), { maxLength: 1 }))
    .map(([part, fields]): BodyPlan => ({ kind: 'multipart', files: [part], fields }));
  return fc.oneof(
    { weight: 10, arbitrary: upload },
    {
      weight: 1,
      arbitrary: fc.tuple(file, file).map(([a, b]): BodyPlan => ({ kind: 'multipart', files: [a, b], fields: [] })),
    },
    {
      weight: 1,
      arbitrary: file.map((part): BodyPlan => ({
        kind: 'multipart',
        files: [{ ...part, field: 'document' }],
        fields: [],
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constant<BodyPlan>({ kind: 'multipart', files: [], fields: [['note', 'sin archivo']] }),
    },
    {
      weight: 1,
      arbitrary: fc.constant<BodyPlan>({
        kind: 'raw',
        contentType: 'multipart/form-data; boundary=----x',
        data: '------x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\ntruncated',
      }),
    },
    { weight: 1, arbitrary: fc.constant<BodyPlan>({ kind: 'json', value: { file: 'a,b\n1,2' } }) },
    { weight: 1, arbitrary: fc.constant<BodyPlan>({ kind: 'none' }) },
  );
}

// ---------------------------------------------------------------------------------------------
// Parameters

const garbageParam = fc.oneof(
  nastyString,
  fc.constantFrom('-1', '0', '1.5', '99999999999999999999', '1e3', 'true', '[]', '{}', 'a'.repeat(5000)),
  fc.string({ maxLength: 12 }),
);

/** A path parameter: usually a real object's id, else a stranger's, else something malformed. */
export function pathParamArbitrary(path: string, name: string, schema: Schema | undefined): fc.Arbitrary<unknown> {
  const kind = kindOfPathParam(path, name);
  const real = fc.nat().map((i) => new Ref(kind, i));
  const stranger =
    name === 'date' || name === 'occasion'
      ? fc.oneof(calendarDate, malformedDate)
      : schema?.type === 'number'
        ? fc.integer({ min: -2, max: 1_000_000 }).map(String)
        : name.toLowerCase().endsWith('id') || name === 'id' || name === 'otherId'
          ? fc.oneof(
              fc.uuid(),
              fc.uuid().map((id) => id.toUpperCase()),
            )
          : fc.string({ minLength: 1, maxLength: 40 });
  const undecodable = fc.constantFrom(
    new RawSegment('%E0%A4%A'),
    new RawSegment('%'),
    new RawSegment('a%2Fb'),
    new RawSegment('%00'),
  );
  // An empty or dot segment would name another route (`/people/` is the list), not test this one.
  const segment = (value: unknown) => (value === '' || value === '.' || value === '..' ? `${value}x` : value);
  return fc.oneof(
    { weight: 12, arbitrary: real },
    { weight: 3, arbitrary: stranger.map(segment) },
    { weight: 2, arbitrary: malformedId.map(segment) },
    { weight: 1, arbitrary: garbageParam.map(segment) },
    { weight: 1, arbitrary: undecodable },
  );
}

/** A path segment sent exactly as written, without percent-encoding it. */
export class RawSegment {
  constructor(readonly text: string) {}
}

/**
 * Query parameters. Most requests are careful (each parameter absent or a good value), so that lists
 * with filters are read; the others are sloppy: garbage, repeated or unknown parameters.
 */
export function queryArbitrary(
  resolver: SchemaResolver,
  parameters: NonNullable<Operation['parameters']>,
): fc.Arbitrary<[string, unknown][]> {
  const query = parameters.filter((parameter) => parameter.in === 'query');
  const careful = query.map((parameter) =>
    fc.oneof(
      { weight: parameter.required ? 0 : 1, arbitrary: fc.constant<[string, unknown][]>([]) },
      {
        weight: 1,
        arbitrary: valueFor(resolver, parameter.schema, parameter.name, true).map((value): [string, unknown][] => [
          [parameter.name, value],
        ]),
      },
    ),
  );
  const sloppy = query.map((parameter) =>
    fc.oneof(
      { weight: parameter.required ? 0 : 4, arbitrary: fc.constant<[string, unknown][]>([]) },
      {
        weight: 4,
        arbitrary: valueFor(resolver, parameter.schema, parameter.name, true).map((value): [string, unknown][] => [
          [parameter.name, value],
        ]),
      },
      {
        weight: 2,
        arbitrary: valueFor(resolver, parameter.schema, parameter.name).map((value): [string, unknown][] => [
          [parameter.name, value],
        ]),
      },
      { weight: 1, arbitrary: garbageParam.map((value): [string, unknown][] => [[parameter.name, value]]) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(valueFor(resolver, parameter.schema, parameter.name), garbageParam)
          .map(([a, b]): [string, unknown][] => [
            [parameter.name, a],
            [parameter.name, b],
          ]),
      },
      { weight: 1, arbitrary: fc.constant<[string, unknown][]>([[`${parameter.name}[a]`, '1']]) },
    ),
  );
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant<[string, unknown][]>([]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('unknown', '__proto__', 'sort', 'page'), garbageParam)
        .map((pair): [string, unknown][] => [pair]),
    },
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(...careful).map((lists) => lists.flat()) },
    { weight: 2, arbitrary: fc.tuple(fc.tuple(...sloppy), extra).map(([lists, more]) => [...lists.flat(), ...more]) },
  );
}

export function requestArbitrary(resolver: SchemaResolver, operation: Operation): fc.Arbitrary<RequestPlan> {
  const parameters = operation.parameters ?? [];
  const pathParams: Record<string, fc.Arbitrary<unknown>> = {};
  for (const parameter of parameters.filter((p) => p.in === 'path'))
    pathParams[parameter.name] = pathParamArbitrary(operation.path, parameter.name, parameter.schema);
  const content = operation.requestBody?.content ?? {};
  let body: fc.Arbitrary<BodyPlan> = noBodyArbitrary;
  if (content['application/json']) body = jsonBodyArbitrary(resolver, content['application/json'].schema ?? {});
  else if (content['multipart/form-data'])
    body = multipartArbitrary(operation.path, content['multipart/form-data'].schema ?? {}, resolver);
  if (operation.method === 'get' || operation.method === 'delete') body = fc.constant<BodyPlan>({ kind: 'none' });
  return fc.record({
    pathParams: fc.record(pathParams),
    query: queryArbitrary(resolver, parameters),
    language: fc.constantFrom(null, null, 'es', 'en', 'en-US,en;q=0.9', 'fr', '*', 'xx-invalid;;q=abc'),
    body,
  });
}
