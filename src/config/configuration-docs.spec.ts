import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_DOCS, renderConfigurationDocs } from './configuration-docs';
import { projectRoot } from './project-root';
import { CONFIG_SECTIONS } from './sections';

describe('docs/configuration.md', () => {
  it('is what the descriptors give', async () => {
    const file = join(projectRoot(), CONFIGURATION_DOCS);
    const written = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const generated = await renderConfigurationDocs();
    if (written !== generated) {
      const lines = written.split('\n');
      const line = generated.split('\n').findIndex((text, index) => text !== lines[index]);
      throw new Error(
        `${CONFIGURATION_DOCS} differs from the descriptors in src/config/sections (first at line ${line + 1}): ` +
          'run `npm run docs:config` and commit the file.',
      );
    }
    expect(written).toBe(generated);
  });

  it('lists every variable once, under its section, marking the secrets', async () => {
    const generated = await renderConfigurationDocs();
    for (const section of CONFIG_SECTIONS) expect(generated).toContain(`## ${section.title}\n`);
    for (const setting of CONFIG_SECTIONS.flatMap((section) => section.settings)) {
      const rows = generated.split('\n').filter((line) => line.startsWith(`| \`${setting.name}\` `));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(setting.secret ? /\| yes +\|/ : /\| no +\|/);
    }
  });
});
