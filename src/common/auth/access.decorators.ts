import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { CommonProblems, SIGNED_OUT_PROBLEMS } from '../errors/common.errors';
import { ApiProblems } from '../http/api-problems.decorator';
import type { AccessPolicy, Principal, Role } from './principal';

export const ACCESS_POLICY = 'puente:access-policy';

/** Anyone, with or without an account. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy),
    ApiExtension('x-roles', ['anyone']),
  );
}

/** Any signed-in person, whatever their roles; the service scopes what they see. */
export function SignedIn(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'signed-in' } satisfies AccessPolicy),
    ApiBearerAuth(),
    ApiExtension('x-roles', ['signed-in']),
    ApiProblems(...SIGNED_OUT_PROBLEMS),
  );
}

/** People holding at least one of the roles. */
export function Roles(...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy),
    ApiBearerAuth(),
    ApiExtension('x-roles', roles),
    ApiProblems(...SIGNED_OUT_PROBLEMS, CommonProblems.forbidden),
  );
}

/** The signed-in person making the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on an endpoint without a signed-in policy');
  return request.principal;
});
