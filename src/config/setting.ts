import type { Ed25519PrivateJwk } from './app-config';

/**
 * The descriptor of one environment variable: everything the reader needs to check it and
 * everything docs/configuration.md says about it. Each kind below is one way of writing a value.
 */
interface SettingBase {
  /** The environment variable. */
  name: string;
  /** One sentence, in English, for docs/configuration.md. */
  description: string;
  /** A secret's value is never printed: messages about it and descriptions of it show `****`. */
  secret?: boolean;
  /**
   * What applies when the variable is unset and there is no plain default, because it is derived
   * from other variables or generated; for the docs, the section's code applies it.
   */
  whenUnset?: string;
  /** Refused when unset, naming this condition ('when STORAGE_DRIVER=s3'): its group is read only then. */
  requiredWhen?: string;
}

/** Digits only, within `min`–`max`. */
export interface IntegerSetting extends SettingBase {
  kind: 'integer';
  default?: number;
  min: number;
  max: number;
}

/** Digits with an optional fraction (`0.5`), within `min`–`max`. */
export interface DecimalSetting extends SettingBase {
  kind: 'decimal';
  default?: number;
  min: number;
  max: number;
}

/** One of a few words. */
export interface ChoiceSetting extends SettingBase {
  kind: 'choice';
  values: readonly string[];
  default?: string;
}

/** Free text, optionally of a shape (`pattern`, described by `expected`) or of a least length. */
export interface TextSetting extends SettingBase {
  kind: 'text';
  default?: string;
  pattern?: RegExp;
  /** What the pattern accepts, after "must be": 'a region name like us-east-1'. */
  expected?: string;
  minLength?: number;
}

/** An absolute URL of one of the given protocols (`'https:'`). */
export interface UrlSetting extends SettingBase {
  kind: 'url';
  protocols: readonly string[];
}

export interface EmailSetting extends SettingBase {
  kind: 'email';
}

/** A folder, relative to the working directory unless absolute; read as an absolute path. */
export interface PathSetting extends SettingBase {
  kind: 'path';
  default?: string;
}

export interface TimeZoneSetting extends SettingBase {
  kind: 'timeZone';
  default?: string;
}

/** Five cron fields. */
export interface CronSetting extends SettingBase {
  kind: 'cron';
  default?: string;
}

/** A time of day, `HH:MM`. */
export interface ClockTimeSetting extends SettingBase {
  kind: 'clockTime';
  default?: string;
}

/** Items separated by `separator`, each of a shape; blank items are dropped. */
export interface ListSetting extends SettingBase {
  kind: 'list';
  separator: string;
  item: RegExp;
  /** What every item must be, after "must list": 'origins like https://example.org'. */
  expected: string;
  default?: string;
}

/** Up to `maxEntries` entries of exactly `fields` non-blank fields: `a|b;c|d`. */
export interface EntriesSetting extends SettingBase {
  kind: 'entries';
  separator: string;
  fieldSeparator: string;
  fields: number;
  maxEntries: number;
  /** The whole rule, after "must be". */
  expected: string;
  default?: string;
}

/** Slash-separated path segments put before object keys; slashes at either end are dropped. */
export interface KeyPrefixSetting extends SettingBase {
  kind: 'keyPrefix';
  default?: string;
}

/** An Ed25519 private key as a JSON Web Key, checked to be whole. */
export interface Ed25519KeySetting extends SettingBase {
  kind: 'ed25519Jwk';
}

export type Setting =
  | IntegerSetting
  | DecimalSetting
  | ChoiceSetting
  | TextSetting
  | UrlSetting
  | EmailSetting
  | PathSetting
  | TimeZoneSetting
  | CronSetting
  | ClockTimeSetting
  | ListSetting
  | EntriesSetting
  | KeyPrefixSetting
  | Ed25519KeySetting;

/** Settings read together, keyed by the name the section's code uses for their values. */
export type SettingGroup = Readonly<Record<string, Setting>>;

type KindValue<S extends Setting> = S extends IntegerSetting | DecimalSetting
  ? number
  : S extends ChoiceSetting
    ? S['values'][number]
    : S extends ListSetting
      ? string[]
      : S extends EntriesSetting
        ? string[][]
        : S extends Ed25519KeySetting
          ? Ed25519PrivateJwk
          : string;

/** What reading a setting gives: never undefined when it has a default or is required. */
export type SettingValue<S extends Setting> = S extends { default: unknown } | { requiredWhen: string }
  ? KindValue<S>
  : KindValue<S> | undefined;

export type SettingValues<G extends SettingGroup> = { -readonly [K in keyof G]: SettingValue<G[K]> };

/** One part of the configuration, one table in docs/configuration.md. */
export interface ConfigSection {
  title: string;
  /** One sentence under the title. */
  summary: string;
  settings: readonly Setting[];
}

/** The settings of a section's groups, in their order. */
export function settingsOf(...groups: SettingGroup[]): Setting[] {
  return groups.flatMap((group) => Object.values(group));
}
