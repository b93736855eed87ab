import { ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import type { ProblemType } from '../errors/define-error';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDto } from './problem.dto';

const SUMMARIES: Record<number, string> = {
  400: 'Malformed request, unknown fields or invalid values.',
  401: 'No valid access token.',
  403: "The caller's role does not allow this action.",
  404: 'The resource does not exist or is not visible to the caller.',
  409: 'The change conflicts with the current state.',
  413: 'The content is too large.',
  415: 'The content type is not supported.',
  422: 'The request breaks a business rule.',
  429: 'Too many attempts; see Retry-After.',
  500: 'Unexpected error, logged under the correlation id the problem carries.',
  503: 'Not ready to serve; see Retry-After.',
};

const PROBLEMS = Symbol('puente:problems');

/** Where @nestjs/swagger keeps an operation's responses (its `DECORATORS.API_RESPONSE`). */
const SWAGGER_RESPONSES = 'swagger/apiResponse';

type Documented = Map<number, Set<string>>;

/** The schema of a problem response whose `code` is one of `codes`. */
export function problemSchema(codes: Iterable<string>): Record<string, unknown> {
  return {
    allOf: [
      { $ref: getSchemaPath(ProblemDto) },
      // Narrows ProblemDto's code and adds no rule of its own on the other members.
      {
        type: 'object',
        additionalProperties: true,
        properties: { code: { type: 'string', enum: [...new Set(codes)].sort() } },
      },
    ],
  };
}

export function problemDescription(status: number, codes: Iterable<string>): string {
  const list = [...new Set(codes)]
    .sort()
    .map((code) => `\`${code}\``)
    .join(', ');
  return `${SUMMARIES[status] ?? 'Error.'} Codes: ${list}.`;
}

/**
 * Documents the problem+json responses a handler (or every handler of a controller) can give: the
 * members of the error catalogues it may raise, grouped by status, each status listing its codes.
 * Declarations add up, so a guard's decorator and the handler's own can both name a status.
 */
export function ApiProblems(...problems: ProblemType[]): MethodDecorator & ClassDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value ?? target) as object;
    const documented: Documented = (Reflect.getOwnMetadata(PROBLEMS, holder) as Documented | undefined) ?? new Map();
    for (const problem of problems) {
      const codes = documented.get(problem.status) ?? new Set<string>();
      codes.add(problem.code);
      documented.set(problem.status, codes);
    }
    Reflect.defineMetadata(PROBLEMS, documented, holder);
    ApiExtraModels(ProblemDto)(target as never, key as never, descriptor as never);
    const responses = (Reflect.getOwnMetadata(SWAGGER_RESPONSES, holder) as Record<string, unknown> | undefined) ?? {};
    for (const [status, codes] of documented) {
      responses[status] = {
        description: problemDescription(status, codes),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema(codes) } },
      };
    }
    Reflect.defineMetadata(SWAGGER_RESPONSES, responses, holder);
  };
}
