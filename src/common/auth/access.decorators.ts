import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiHeader } from '@nestjs/swagger';
import { CommonProblems, SIGNED_OUT_PROBLEMS } from '../errors/common.errors';
import { ApiProblems } from '../http/api-problems.decorator';
import { LINK_HEADER, type AccessPolicy, type Asker, type Principal, type Role } from './principal';

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

/**
 * People holding one of the roles, or anyone holding the token of the link Puente mailed about this
 * object, in the `X-Puente-Link` header; the service checks the token against the object.
 */
export function RolesOrLink(...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'roles-or-link', roles } satisfies AccessPolicy),
    ApiBearerAuth(),
    ApiHeader({
      name: LINK_HEADER,
      required: false,
      description: 'The token after the `#` of the link in the mail, for a person who is not signed in.',
    }),
    ApiExtension('x-roles', [...roles, 'mailed link']),
    ApiProblems(...SIGNED_OUT_PROBLEMS, CommonProblems.forbidden),
  );
}

/** The signed-in person or the holder of a mailed link making the request. */
export const CurrentAsker = createParamDecorator((_data: unknown, context: ExecutionContext): Asker => {
  const request = context.switchToHttp().getRequest<Asker>();
  return { principal: request.principal, linkToken: request.linkToken };
});

/** The signed-in person making the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on an endpoint without a signed-in policy');
  return request.principal;
});
