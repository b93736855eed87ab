import { ApiExtension } from '@nestjs/swagger';

/** Documents a state-changing action that takes no request body (the path says it all). */
export function NoRequestBody(): MethodDecorator {
  return ApiExtension('x-request-body', 'none');
}
