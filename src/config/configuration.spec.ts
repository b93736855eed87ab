import { ConfigError, loadConfig } from './configuration';
import { defaultText, MASK, readSetting } from './read-setting';
import { CONFIG_SECTIONS } from './sections';
import type { Setting } from './setting';

const SETTINGS = CONFIG_SECTIONS.flatMap((section) => section.settings);
const JWT_SECRET = 'a-secret-of-at-least-thirty-two-characters';
const SIGNING_KEY = JSON.stringify(loadConfig({ NODE_ENV: 'test' }).credentials.signingKey);

/** The message of the configuration error `read` throws, or undefined when it throws none. */
function refusal(read: () => unknown): string | undefined {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return undefined;
}

describe('configuration descriptors', () => {
  it('describe every variable once, in upper snake case, with one sentence', () => {
    const names = SETTINGS.map((setting) => setting.name);
    expect(new Set(names).size).toBe(names.length);
    for (const setting of SETTINGS) {
      expect(setting.name).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(setting.description).toMatch(/^[A-Z"`].*\.$/);
      expect(setting.description).not.toMatch(/\.\s+[A-Z]/);
    }
  });

  const withDefaults = SETTINGS.filter((setting) => defaultText(setting) !== undefined);
  it.each(withDefaults.map((setting) => [setting.name, setting] as const))(
    '%s accepts its own default',
    (_, setting) => {
      expect(refusal(() => readSetting({}, setting))).toBeUndefined();
      expect(readSetting({ [setting.name]: defaultText(setting) }, setting)).toEqual(readSetting({}, setting));
    },
  );
});

describe('secrets in messages', () => {
  const MARKER = 'hunter2';

  it.each<[string, Setting, string]>([
    [
      'a refused shape',
      {
        kind: 'text',
        name: 'EXAMPLE_TOKEN',
        secret: true,
        pattern: /^[a-f0-9]{8}$/,
        expected: 'eight hex digits',
        description: 'A token.',
      },
      'Invalid configuration: EXAMPLE_TOKEN must be eight hex digits, got "****"',
    ],
    [
      'a number that is not one',
      { kind: 'integer', name: 'EXAMPLE_PIN', secret: true, min: 0, max: 9999, description: 'A pin.' },
      'Invalid configuration: EXAMPLE_PIN must be a whole number, got "****"',
    ],
    [
      'a word not among the allowed',
      { kind: 'choice', name: 'EXAMPLE_WORD', secret: true, values: ['a', 'b'], description: 'A word.' },
      'Invalid configuration: EXAMPLE_WORD must be one of a, b, got "****"',
    ],
    [
      'a refused list item',
      {
        kind: 'list',
        name: 'EXAMPLE_KEYS',
        secret: true,
        separator: ',',
        item: /^k\d$/,
        expected: 'keys like k1',
        description: 'Keys.',
      },
      'Invalid configuration: EXAMPLE_KEYS must list keys like k1, got "****"',
    ],
  ])('show %s of a secret variable as ****', (_, setting, message) => {
    expect(refusal(() => readSetting({ [setting.name]: MARKER }, setting))).toBe(message);
    expect(refusal(() => readSetting({ [setting.name]: MARKER }, { ...setting, secret: false }))).toContain(MARKER);
  });

  // Every secret variable with values it refuses, given among otherwise valid production settings.
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET,
    CREDENTIAL_SIGNING_KEY: SIGNING_KEY,
    STORAGE_DRIVER: 's3',
    S3_BUCKET: 'puente-files',
  };
  const refused = [
    MARKER,
    `${MARKER} is not a URL`,
    `mysql://puente:${MARKER}@db/puente`,
    `{"kty":"OKP","d":"${MARKER}"}`,
  ];
  const secrets = SETTINGS.filter((setting) => setting.secret);

  it('mark the secrets', () => {
    expect(secrets.map((setting) => setting.name).sort()).toEqual([
      'CREDENTIAL_SIGNING_KEY',
      'DATABASE_URL',
      'JWT_SECRET',
      'PUENTE_ADMIN_PASSWORD',
      'S3_SECRET_ACCESS_KEY',
      'SMTP_URL',
    ]);
  });

  it.each(secrets.map((setting) => [setting.name]))('never quote the value of %s', (name) => {
    const messages = refused
      .map((value) => refusal(() => loadConfig({ ...production, [name]: value })))
      .filter((message) => message !== undefined);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message).toMatch(/^Invalid configuration: [A-Z0-9_]+ /);
      expect(message).not.toContain(MARKER);
    }
  });

  it('still quote the value of a variable that is not secret', () => {
    expect(refusal(() => loadConfig({ NODE_ENV: 'test', PORT: 'ochenta' }))).toBe(
      'Invalid configuration: PORT must be a whole number, got "ochenta"',
    );
    expect(refusal(() => loadConfig({ NODE_ENV: 'test', JWT_SECRET: MARKER }))).toBe(
      'Invalid configuration: JWT_SECRET must be at least 32 characters long',
    );
    expect(MASK).toBe('****');
  });
});
