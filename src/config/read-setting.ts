import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { ed25519PrivateJwk } from './ed25519-jwk';
import type { DecimalSetting, IntegerSetting, Setting, SettingGroup, SettingValue, SettingValues } from './setting';

export type Env = Record<string, string | undefined>;

/** What is printed instead of a secret's value. */
export const MASK = '****';

/** A value as it may be printed: a secret's is masked. */
function shown(setting: Setting, value: string | number): string {
  return setting.secret ? MASK : String(value);
}

/** A variable's value, trimmed; blanks count as unset. */
function readVariable(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The default as it would be written in the environment. */
export function defaultText(setting: Setting): string | undefined {
  return 'default' in setting && setting.default !== undefined ? String(setting.default) : undefined;
}

/**
 * Reads one setting: the given value, else its default, checked by its kind. Throws a
 * {@link ConfigError} naming the variable, whose message quotes the value unless it is secret.
 */
export function readSetting<S extends Setting>(env: Env, setting: S): SettingValue<S> {
  const raw = readVariable(env, setting.name) ?? defaultText(setting);
  if (raw === undefined) {
    if (setting.requiredWhen) throw new ConfigError(setting.name, `is required ${setting.requiredWhen}`);
    return undefined as SettingValue<S>;
  }
  return parse(setting, raw) as SettingValue<S>;
}

/** Reads a group of settings in their order; the first refused value stops the reading. */
export function readSettings<G extends SettingGroup>(env: Env, group: G): SettingValues<G> {
  const values: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(group)) values[key] = readSetting(env, setting);
  return values as SettingValues<G>;
}

function parse(setting: Setting, raw: string): unknown {
  const refuse = (message: string) => new ConfigError(setting.name, message);
  const got = (value: string) => `got "${shown(setting, value)}"`;
  switch (setting.kind) {
    case 'integer':
      if (!/^\d+$/.test(raw)) throw refuse(`must be a whole number, ${got(raw)}`);
      return within(setting, Number(raw));
    case 'decimal':
      if (!/^\d+(\.\d+)?$/.test(raw)) throw refuse(`must be a number like 0.2, ${got(raw)}`);
      return within(setting, Number(raw));
    case 'choice':
      if (!setting.values.includes(raw)) throw refuse(`must be one of ${setting.values.join(', ')}, ${got(raw)}`);
      return raw;
    case 'text':
      if (setting.pattern && !setting.pattern.test(raw)) throw refuse(`must be ${setting.expected}, ${got(raw)}`);
      if (setting.minLength !== undefined && raw.length < setting.minLength) {
        throw refuse(`must be at least ${setting.minLength} characters long`);
      }
      return raw;
    case 'email':
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) throw refuse('must be an email address');
      return raw;
    case 'url': {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        throw refuse('must be a URL');
      }
      if (!setting.protocols.includes(parsed.protocol)) throw refuse(`must use ${setting.protocols.join(' or ')}`);
      return raw;
    }
    case 'path':
      return resolve(raw);
    case 'timeZone':
      try {
        new Intl.DateTimeFormat('en', { timeZone: raw });
      } catch {
        throw refuse(`is not a known IANA time zone: "${shown(setting, raw)}"`);
      }
      return raw;
    case 'cron':
      if (!/^(\S+\s+){4}\S+$/.test(raw)) throw refuse(`must be a cron expression of five fields, ${got(raw)}`);
      return raw;
    case 'clockTime':
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) throw refuse(`must be a time like 08:00, ${got(raw)}`);
      return raw;
    case 'list': {
      const items = raw
        .split(setting.separator)
        .map((item) => item.trim())
        .filter(Boolean);
      const wrong = items.find((item) => !setting.item.test(item));
      if (wrong !== undefined) throw refuse(`must list ${setting.expected}, ${got(wrong)}`);
      return items;
    }
    case 'entries': {
      const entries = raw
        .split(setting.separator)
        .map((entry) => entry.split(setting.fieldSeparator).map((field) => field.trim()));
      if (
        entries.length > setting.maxEntries ||
        entries.some((fields) => fields.length !== setting.fields || fields.some((field) => field === ''))
      ) {
        throw refuse(`must be ${setting.expected}`);
      }
      return entries;
    }
    case 'keyPrefix': {
      // Slashes at either end are forgiven; what is left must be plain path segments, never '.' or '..'.
      const prefix = raw.replace(/^\/+|\/+$/g, '');
      if (
        prefix !== '' &&
        !prefix.split('/').every((segment) => /^[A-Za-z0-9._-]+$/.test(segment) && !/^\.{1,2}$/.test(segment))
      ) {
        throw refuse(`must be path segments of letters, digits, '.', '_' or '-', ${got(prefix)}`);
      }
      return prefix;
    }
    case 'ed25519Jwk':
      return ed25519PrivateJwk(raw, setting.name);
  }
}

function within(setting: IntegerSetting | DecimalSetting, value: number): number {
  if (value < setting.min || value > setting.max) {
    throw new ConfigError(
      setting.name,
      `must be between ${setting.min} and ${setting.max}, got ${shown(setting, value)}`,
    );
  }
  return value;
}
