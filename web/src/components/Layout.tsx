import { Anchor, Container, Group, SegmentedControl, Text, VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LANGUAGES, rememberLanguage, type Language } from '../i18n';

/** Every page's frame: a header with the product's name and the language switch, then the page. */
export function Layout({ children }: { children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const languageLabel = useId();
  const change = (language: string) => {
    rememberLanguage(language as Language);
    void i18n.changeLanguage(language);
  };
  return (
    <>
      <a className="puente-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="puente-header">
        <Container size="md" py="xs">
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" fw={700} fz="xl" c="blue.9" underline="never">
              {t('app.name')}
            </Anchor>
            <div role="group" aria-labelledby={languageLabel}>
              <VisuallyHidden id={languageLabel}>{t('app.language')}</VisuallyHidden>
              <SegmentedControl
                className="puente-language"
                size="sm"
                value={i18n.language}
                onChange={change}
                data={LANGUAGES.map((l) => ({ value: l, label: t(`app.languages.${l}`) }))}
              />
            </div>
          </Group>
        </Container>
      </header>
      <Container size="md" py="lg" component="main" id="main" tabIndex={-1}>
        {children ?? <Outlet />}
      </Container>
      <Text component="footer" size="sm" c="dimmed" ta="center" py="md">
        {t('app.tagline')}
      </Text>
    </>
  );
}
