import type { INestApplication } from '@nestjs/common';
import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { operationId } from '../../src/openapi';

// The document is read as plain JSON, the way a client generator reads it.
type Json = Record<string, any>;
type Class = abstract new (...args: never[]) => unknown;

/** The JSON Schema facts each class-validator constraint implies. */
const IMPLIED: Record<string, (metadata: ValidationMetadata, schema: Json) => string | undefined> = {
  isInt: (_m, schema) =>
    schema.type === 'integer' ? undefined : `type ${schema.type}, but only integers are accepted`,
  isNumber: (_m, schema) => (schema.type === 'number' ? undefined : `type ${schema.type}, but any number is accepted`),
  isString: (_m, schema) => (schema.type === 'string' ? undefined : `type ${schema.type}, but a string is required`),
  isBoolean: (_m, schema) => (schema.type === 'boolean' ? undefined : `type ${schema.type}, but a boolean is required`),
  isArray: (_m, schema) => (schema.type === 'array' ? undefined : `type ${schema.type}, but an array is required`),
  isUuid: (_m, schema) => (schema.format === 'uuid' ? undefined : `format ${schema.format}, but a UUID is required`),
  isCalendarDate: (_m, schema) =>
    schema.format === 'date' ? undefined : `format ${schema.format}, but a date YYYY-MM-DD is required`,
  isEmail: (_m, schema) =>
    schema.format === 'email' ? undefined : `format ${schema.format}, but an email address is required`,
  isIn: (metadata, schema) => sameValues(schema.enum, metadata.constraints[0] as unknown[]),
  min: (metadata, schema) =>
    schema.minimum === metadata.constraints[0]
      ? undefined
      : `minimum ${schema.minimum}, but the server's is ${metadata.constraints[0]}`,
  max: (metadata, schema) =>
    schema.maximum === metadata.constraints[0]
      ? undefined
      : `maximum ${schema.maximum}, but the server's is ${metadata.constraints[0]}`,
  minLength: (metadata, schema) =>
    schema.minLength === metadata.constraints[0]
      ? undefined
      : `minLength ${schema.minLength}, but the server's is ${metadata.constraints[0]}`,
  maxLength: (metadata, schema) =>
    schema.maxLength === metadata.constraints[0]
      ? undefined
      : `maxLength ${schema.maxLength}, but the server's is ${metadata.constraints[0]}`,
  isNotEmpty: (_m, schema) =>
    schema.type !== 'string' || schema.minLength >= 1
      ? undefined
      : `minLength ${schema.minLength}, but an empty string is refused`,
  arrayMinSize: (metadata, schema) =>
    schema.minItems === metadata.constraints[0]
      ? undefined
      : `minItems ${schema.minItems}, but the server's is ${metadata.constraints[0]}`,
  arrayMaxSize: (metadata, schema) =>
    schema.maxItems === metadata.constraints[0]
      ? undefined
      : `maxItems ${schema.maxItems}, but the server's is ${metadata.constraints[0]}`,
  arrayUnique: (_m, schema) =>
    schema.uniqueItems === true ? undefined : 'items may repeat, but the server refuses repeated items',
  isPhone: (_m, schema) => (schema.pattern ? undefined : 'no pattern, but the server checks one'),
  isLicenceNumber: (_m, schema) => (schema.pattern ? undefined : 'no pattern, but the server checks one'),
  isClockTime: (_m, schema) => (schema.pattern ? undefined : 'no pattern, but the server checks one'),
  matches: (_m, schema) => (schema.pattern ? undefined : 'no pattern, but the server checks one'),
};

function sameValues(documented: unknown[] | undefined, accepted: unknown[]): string | undefined {
  const listed: unknown[] = (documented ?? []).filter((value) => value !== null);
  const same = listed.length === accepted.length && accepted.every((value) => listed.includes(value));
  return same ? undefined : `enum ${JSON.stringify(documented)}, but the server accepts ${JSON.stringify(accepted)}`;
}

/**
 * Where the document and the validation pipe disagree about a request: for each body and query DTO
 * a controller takes (and the DTOs nested in them), every field the pipe would accept or refuse is
 * compared with its schema. The pipe forbids fields it does not know, so a documented field without
 * validation is a promise the server breaks, and a validated field left out of the document is one
 * no client can know of.
 */
export function requestDtoMismatches(app: INestApplication, document: Json): string[] {
  const problems: string[] = [];
  const classesByName = new Map<string, Class>();
  for (const target of (
    getMetadataStorage() as unknown as { validationMetadatas: Map<Class, unknown> }
  ).validationMetadatas.keys()) {
    classesByName.set(target.name, target);
  }
  const operations = new Map<string, Json>();
  for (const item of Object.values<Json>(document.paths))
    for (const operation of Object.values<Json>(item))
      if (operation?.operationId) operations.set(operation.operationId, operation);

  const compared = new Set<string>();
  const compareBody = (dto: Class, schemaName: string): void => {
    if (compared.has(schemaName)) return;
    compared.add(schemaName);
    const schema = document.components.schemas[schemaName] as Json | undefined;
    if (!schema) return void problems.push(`${schemaName}: no such schema`);
    const byProperty = constraintsOf(dto);
    for (const [property, constraints] of byProperty) {
      const where = `${schemaName}.${property}`;
      const documented = schema.properties?.[property] as Json | undefined;
      if (!documented) {
        problems.push(`${where}: accepted by the server, not in the document`);
        continue;
      }
      const optional = isOptional(constraints);
      if (optional === (schema.required ?? []).includes(property))
        problems.push(
          `${where}: ${optional ? 'optional, but documented as required' : 'required, but documented as optional'}`,
        );
      const acceptsNull = constraints.some(
        (metadata) =>
          metadata.type === ValidationTypes.CONDITIONAL_VALIDATION &&
          !(metadata.constraints[0] as (object: object, value: unknown) => boolean)({ [property]: null }, null),
      );
      const { schema: value, nullable } = withoutNull(document, documented);
      if (acceptsNull !== nullable)
        problems.push(
          `${where}: ${acceptsNull ? 'null is accepted, but not documented' : 'documented as nullable, but null is refused'}`,
        );
      problems.push(...constraintMismatches(where, constraints, value, document));
      for (const nested of [value, value.items].filter((part): part is Json => Boolean(part?.$ref))) {
        const name = nested.$ref.replace('#/components/schemas/', '');
        const nestedClass = classesByName.get(name);
        if (nestedClass) compareBody(nestedClass, name);
        else problems.push(`${where}: refers to ${name}, which no validated class is named`);
      }
    }
    for (const property of Object.keys(schema.properties ?? {})) {
      if (!byProperty.has(property))
        problems.push(`${schemaName}.${property}: documented, but the server refuses it as an unknown field`);
    }
  };

  const compareQuery = (dto: Class, operation: Json): void => {
    const parameters = new Map<string, Json>(
      (operation.parameters ?? [])
        .filter((parameter: Json) => parameter.in === 'query')
        .map((parameter: Json) => [parameter.name, parameter]),
    );
    const byProperty = constraintsOf(dto);
    for (const [property, constraints] of byProperty) {
      const where = `${operation.operationId} ?${property} (${dto.name})`;
      const parameter = parameters.get(property);
      if (!parameter) {
        problems.push(`${where}: accepted by the server, not in the document`);
        continue;
      }
      if (isOptional(constraints) === Boolean(parameter.required))
        problems.push(
          `${where}: ${parameter.required ? 'documented as required, but optional' : 'required, but documented as optional'}`,
        );
      // A comma-separated list arrives as one string; its parts are checked as items.
      const listed = constraints.some((metadata) => metadata.name === 'isArray') && parameter.schema.type === 'string';
      problems.push(
        ...constraintMismatches(
          where,
          constraints.filter((metadata) => !(listed && (metadata.name === 'isArray' || metadata.each))),
          parameter.schema,
          document,
        ),
      );
    }
    for (const property of parameters.keys()) {
      if (!byProperty.has(property))
        problems.push(
          `${operation.operationId} ?${property}: documented, but the server refuses it as an unknown field`,
        );
    }
  };

  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Class | null;
      if (!controller) continue;
      for (const methodKey of Object.getOwnPropertyNames(controller.prototype)) {
        const operation = operations.get(operationId(controller.name, methodKey));
        if (!operation) continue;
        const types = (Reflect.getMetadata(PARAMTYPES_METADATA, controller.prototype, methodKey) ?? []) as Class[];
        const routeArguments = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodKey) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        for (const [key, argument] of Object.entries(routeArguments)) {
          const kind = Number(key.split(':')[0]);
          const dto = types[argument.index];
          if (argument.data !== undefined || !dto || constraintsOf(dto).size === 0) continue;
          if (kind === RouteParamtypes.QUERY) compareQuery(dto, operation);
          if (kind === RouteParamtypes.BODY) {
            for (const [mediaType, media] of Object.entries<Json>(operation.requestBody?.content ?? {})) {
              const ref = media.schema?.$ref as string | undefined;
              if (ref) compareBody(dto, ref.replace('#/components/schemas/', ''));
              else
                problems.push(`${operation.operationId} ${mediaType}: the body is not a named schema of ${dto.name}`);
            }
          }
        }
      }
    }
  }
  return problems;
}

function constraintsOf(dto: Class): Map<string, ValidationMetadata[]> {
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  return byProperty;
}

function isOptional(constraints: ValidationMetadata[]): boolean {
  return constraints.some(
    (metadata) =>
      metadata.type === ValidationTypes.CONDITIONAL_VALIDATION &&
      !(metadata.constraints[0] as (object: object, value: unknown) => boolean)({}, undefined),
  );
}

/** The schema a nullable property takes when it is not null. */
function withoutNull(document: Json, schema: Json): { schema: Json; nullable: boolean } {
  const parts = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  const isNull = (part: Json) =>
    part.nullable === true && Array.isArray(part.enum) && part.enum.length === 1 && part.enum[0] === null;
  if (parts?.some(isNull)) {
    const rest = parts.filter((part) => !isNull(part));
    return { schema: rest.length === 1 ? rest[0] : { ...schema, oneOf: rest }, nullable: true };
  }
  return { schema, nullable: schema.nullable === true };
}

function constraintMismatches(
  where: string,
  constraints: ValidationMetadata[],
  schema: Json,
  document: Json,
): string[] {
  const problems: string[] = [];
  for (const metadata of constraints) {
    const check = metadata.name ? IMPLIED[metadata.name] : undefined;
    if (!check) continue;
    const target = metadata.each ? schema.items : schema;
    const resolved = target?.$ref
      ? document.components.schemas[target.$ref.replace('#/components/schemas/', '')]
      : target;
    const problem = resolved ? check(metadata, resolved) : `${metadata.name} on each item, but no items are documented`;
    if (problem) problems.push(`${where}${metadata.each ? '[]' : ''}: ${problem}`);
  }
  return problems;
}
