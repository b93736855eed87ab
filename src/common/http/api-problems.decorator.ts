import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request, unknown fields or invalid values (`validation_failed`, `unknown_fields`, `invalid_id`).',
  401: 'No valid access token (`unauthenticated`).',
  403: "The caller's role does not allow this action (`forbidden`).",
  404: 'The resource does not exist or is not visible to the caller.',
  409: 'The change conflicts with the current state.',
  413: 'The content is too large (`payload_too_large`).',
  415: 'The content type is not supported (`unsupported_media_type`).',
  422: 'The request breaks a business rule.',
  429: 'Too many attempts (`too_many_requests`); see Retry-After.',
  503: 'Not ready to serve.',
};

/** Documents the problem+json responses an endpoint can give, with the codes it may carry. */
export function ApiProblems(...responses: (number | [number, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...responses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, DESCRIPTIONS[entry] ?? 'Error.'];
      return ApiResponse({
        status,
        description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      });
    }),
  );
}
