import { CommonErrorCode, DomainError, UnauthenticatedError } from '../../common/errors/domain-error';
import { text } from '../../common/i18n/text';

export enum IdentityErrorCode {
  InvalidCredentials = 'invalid_credentials',
  RefreshTokenInvalid = 'refresh_token_invalid',
  RefreshTokenReused = 'refresh_token_reused',
  ResetTokenInvalid = 'password_reset_token_invalid',
  CurrentPasswordWrong = 'current_password_wrong',
  WeakPassword = 'weak_password',
}

export class IdentityError extends DomainError {
  static invalidCredentials(): IdentityError {
    // Same answer for an unknown email, a wrong password and an account without a password.
    return new IdentityError(
      IdentityErrorCode.InvalidCredentials,
      401,
      text('El correo o la contraseña no son correctos.', 'The email or the password is not correct.'),
    );
  }

  static currentPasswordWrong(): IdentityError {
    return new IdentityError(
      IdentityErrorCode.CurrentPasswordWrong,
      422,
      text('La contraseña actual no es correcta.', 'The current password is not correct.'),
      [{ field: 'currentPassword', message: text('No es correcta.', 'Is not correct.') }],
    );
  }

  static resetTokenInvalid(): IdentityError {
    return new IdentityError(
      IdentityErrorCode.ResetTokenInvalid,
      422,
      text(
        'El enlace para restablecer la contraseña ya no es válido. Pida uno nuevo.',
        'The password reset link is no longer valid. Ask for a new one.',
      ),
    );
  }

  static weakPassword(field = 'newPassword'): IdentityError {
    return new IdentityError(
      IdentityErrorCode.WeakPassword,
      422,
      text('La contraseña es demasiado fácil de adivinar.', 'The password is too easy to guess.'),
      [
        {
          field,
          message: text(
            'Use al menos 10 caracteres y evite palabras comunes o su correo.',
            'Use at least 10 characters and avoid common words or your email.',
          ),
        },
      ],
    );
  }
}

export function invalidAccessToken(): UnauthenticatedError {
  return new UnauthenticatedError(
    text(
      'Su sesión no es válida o venció. Inicie sesión de nuevo.',
      'Your session is not valid or has expired. Sign in again.',
    ),
    CommonErrorCode.InvalidToken,
  );
}

export function sessionEnded(): UnauthenticatedError {
  return new UnauthenticatedError(
    text('Su sesión terminó. Inicie sesión de nuevo.', 'Your session has ended. Sign in again.'),
    CommonErrorCode.SessionEnded,
  );
}

export function refreshTokenInvalid(): UnauthenticatedError {
  return new UnauthenticatedError(
    text('Su sesión venció. Inicie sesión de nuevo.', 'Your session has expired. Sign in again.'),
    IdentityErrorCode.RefreshTokenInvalid,
  );
}

export function refreshTokenReused(): UnauthenticatedError {
  return new UnauthenticatedError(
    text(
      'Por seguridad cerramos esta sesión porque su credencial se usó dos veces. Inicie sesión de nuevo.',
      'For your safety this session was closed because its credential was used twice. Sign in again.',
    ),
    IdentityErrorCode.RefreshTokenReused,
  );
}
