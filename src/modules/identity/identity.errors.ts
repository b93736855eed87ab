import { defineError } from '../../common/errors/define-error';
import { CommonErrorCode, DomainError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';

export enum IdentityErrorCode {
  InvalidCredentials = 'invalid_credentials',
  RefreshTokenInvalid = 'refresh_token_invalid',
  RefreshTokenReused = 'refresh_token_reused',
  ResetTokenInvalid = 'password_reset_token_invalid',
  CurrentPasswordWrong = 'current_password_wrong',
  WeakPassword = 'weak_password',
}

export class IdentityError extends DomainError {}

/** Asks the client to sign in again (RFC 6750). */
const SIGN_IN_AGAIN = { 'WWW-Authenticate': 'Bearer' };

/** The same answer for an unknown email, a wrong password and an account without a password. */
export const invalidCredentials = defineError(
  IdentityErrorCode.InvalidCredentials,
  401,
  () => message('identity.errors.emailPasswordNotCorrect'),
  IdentityError,
);

export const currentPasswordWrong = defineError(
  IdentityErrorCode.CurrentPasswordWrong,
  422,
  () => ({
    detail: message('identity.errors.currentPasswordNotCorrect'),
    fields: [{ field: 'currentPassword', message: message('identity.errors.notCorrect') }],
  }),
  IdentityError,
);

export const resetTokenInvalid = defineError(
  IdentityErrorCode.ResetTokenInvalid,
  422,
  () => message('identity.errors.passwordResetLinkNo'),
  IdentityError,
);

export const weakPassword = defineError(
  IdentityErrorCode.WeakPassword,
  422,
  (field: string = 'newPassword') => ({
    detail: message('identity.errors.passwordTooEasyGuess'),
    fields: [{ field, message: message('identity.errors.useAtLeast10') }],
  }),
  IdentityError,
);

/** An access token that is malformed, forged or expired. */
export const invalidAccessToken = defineError(
  CommonErrorCode.InvalidToken,
  401,
  () => ({ detail: message('identity.errors.yourSessionNotValid'), headers: SIGN_IN_AGAIN }),
  IdentityError,
);

/** The session was ended (sign-out, password change) or its person is gone. */
export const sessionEnded = defineError(
  CommonErrorCode.SessionEnded,
  401,
  () => ({ detail: message('identity.errors.yourSessionHasEnded'), headers: SIGN_IN_AGAIN }),
  IdentityError,
);

export const refreshTokenInvalid = defineError(
  IdentityErrorCode.RefreshTokenInvalid,
  401,
  () => ({ detail: message('identity.errors.yourSessionHasExpired'), headers: SIGN_IN_AGAIN }),
  IdentityError,
);

export const refreshTokenReused = defineError(
  IdentityErrorCode.RefreshTokenReused,
  401,
  () => ({ detail: message('identity.errors.yourSafetySessionWas'), headers: SIGN_IN_AGAIN }),
  IdentityError,
);

/**
 * A request with the browser session's cookie that changes something, sent without the page's
 * header or from another site: what a forged cross-site request looks like.
 */
export const crossSiteRefused = defineError(
  CommonErrorCode.CrossSiteRefused,
  403,
  () => message('identity.errors.crossSiteRefused'),
  IdentityError,
);
