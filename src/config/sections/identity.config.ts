import { randomBytes } from 'node:crypto';
import type { AppConfig, GeneratedSecretName } from '../app-config';
import { givenOrGenerated } from '../generated-secret';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const IDENTITY_SETTINGS = {
  jwtSecret: {
    kind: 'text',
    name: 'JWT_SECRET',
    minLength: 32,
    secret: true,
    whenUnset: 'generated and kept in the database; required when `NODE_ENV=production`',
    description: 'The key that signs access tokens, shared by every process of the installation.',
  },
  accessTokenTtlSeconds: {
    kind: 'integer',
    name: 'ACCESS_TOKEN_TTL_SECONDS',
    default: 900,
    min: 60,
    max: 86_400,
    description: 'The lifetime of an access token.',
  },
  refreshTokenTtlSeconds: {
    kind: 'integer',
    name: 'REFRESH_TOKEN_TTL_SECONDS',
    default: 30 * 86_400,
    min: 3_600,
    max: 365 * 86_400,
    description: 'The lifetime of a session (30 days by default).',
  },
  passwordResetTtlSeconds: {
    kind: 'integer',
    name: 'PASSWORD_RESET_TTL_SECONDS',
    default: 3_600,
    min: 300,
    max: 7 * 86_400,
    description: 'The lifetime of a password reset link, which the person asked for a moment ago.',
  },
  // An invitation reaches people who did not ask for it, often among hundreds of others from an
  // import: it must still work when they open the mail days later.
  accountInvitationTtlSeconds: {
    kind: 'integer',
    name: 'ACCOUNT_INVITATION_TTL_SECONDS',
    default: 7 * 86_400,
    min: 300,
    max: 30 * 86_400,
    description:
      'The lifetime of the link of an account invitation (the mail that asks a new person to choose their password; 7 days by default).',
  },
  loginWindowSeconds: {
    kind: 'integer',
    name: 'LOGIN_WINDOW_SECONDS',
    default: 900,
    min: 10,
    max: 86_400,
    description: 'The window in which failed sign-ins and reset requests are counted.',
  },
  loginMaxFailuresPerAccount: {
    kind: 'integer',
    name: 'LOGIN_MAX_FAILURES_PER_ACCOUNT',
    default: 5,
    min: 1,
    max: 1000,
    description: 'Failed sign-ins of one account in the window before it is answered 429.',
  },
  // A training room of a hundred physicians behind one address must not lock itself out; the
  // per-account limits are what stop guessing.
  loginMaxFailuresPerIp: {
    kind: 'integer',
    name: 'LOGIN_MAX_FAILURES_PER_IP',
    default: 300,
    min: 1,
    max: 100_000,
    description:
      'Failed sign-ins from one client address in the window before it is answered 429, high so that a room behind one address is never locked out.',
  },
  resetMaxPerAccount: {
    kind: 'integer',
    name: 'PASSWORD_RESET_MAX_PER_ACCOUNT',
    default: 3,
    min: 1,
    max: 1000,
    description: 'Password reset requests for one email address in the window before it is answered 429.',
  },
  resetMaxPerIp: {
    kind: 'integer',
    name: 'PASSWORD_RESET_MAX_PER_IP',
    default: 300,
    min: 1,
    max: 100_000,
    description: 'Password reset requests from one client address in the window before it is answered 429.',
  },
  adminEmail: {
    kind: 'email',
    name: 'PUENTE_ADMIN_EMAIL',
    whenUnset: '`oficina@puente.local`',
    description: 'The email address of the first training office account, created at the first start.',
  },
  adminPassword: {
    kind: 'text',
    name: 'PUENTE_ADMIN_PASSWORD',
    minLength: 12,
    secret: true,
    whenUnset: 'generated and printed once',
    description: 'The password of that first account.',
  },
} as const satisfies SettingGroup;

export const identitySection: ConfigSection = {
  title: 'Identity',
  summary: 'Sign-in: tokens and their lifetimes, the limits on failed attempts, and the first office account.',
  settings: settingsOf(IDENTITY_SETTINGS),
};

export function identityConfig(
  env: Env,
  server: Pick<AppConfig, 'env' | 'dataDir'>,
  generated: GeneratedSecretName[],
): Pick<AppConfig, 'auth' | 'admin'> {
  const { jwtSecret, adminEmail, adminPassword, ...limits } = readSettings(env, IDENTITY_SETTINGS);
  return {
    auth: {
      jwtSecret: givenOrGenerated(
        jwtSecret,
        {
          variable: 'JWT_SECRET',
          name: 'jwt_secret',
          file: 'jwt-secret',
          adopt: (text) => text.trim(),
          generate: () => randomBytes(48).toString('base64url'),
        },
        server,
        generated,
      ),
      ...limits,
    },
    admin: { email: adminEmail?.toLowerCase(), password: adminPassword },
  };
}
