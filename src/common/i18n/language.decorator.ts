import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { languageOf, type Language } from './text';

/** The caller's language, from Accept-Language (Spanish unless English is preferred). */
export const RequestLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): Language =>
  languageOf(context.switchToHttp().getRequest<Request>()),
);
