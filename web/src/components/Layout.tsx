import { Anchor, Button, Container, Group, SegmentedControl, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { ME_KEY, signInPath, useMe, useSignedOut, type Me } from '../app/session';
import { apiLanguage, LANGUAGES, rememberLanguage, type Language } from '../i18n';

/**
 * Every page's frame: a header with the product's name, the language switch and signing in or
 * out, then the page.
 */
export function Layout({ children }: { children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const languageLabel = useId();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const signedOut = useSignedOut();
  const client = useQueryClient();
  const signOut = useMutation({
    mutationFn: () =>
      api.POST('/api/v1/auth/browser-session/sign-out', { params: { header: { 'x-puente-csrf': '1' } } }),
    onSettled: async () => {
      signedOut();
      await navigate('/');
    },
  });
  const change = (language: string) => {
    rememberLanguage(language as Language);
    void i18n.changeLanguage(language);
    // Signed in, the language is the person's: it changes their mail too.
    // The cached profile changes at once, so no page switches back to the language it had.
    if (me.data) {
      const locale = apiLanguage(language);
      client.setQueryData<Me | null>(ME_KEY, (current) => (current ? { ...current, locale } : current));
      void api.PATCH('/api/v1/me', { body: { locale } });
    }
  };
  const onAccountPage = ['/entrar', '/contrasena/olvide', '/restablecer-contrasena'].includes(location.pathname);
  return (
    <>
      <a className="puente-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="puente-header">
        <Container size="md" py="xs">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Anchor component={Link} to="/" fw={700} fz="xl" c="blue.9" underline="never" className="puente-touch">
              {t('app.name')}
            </Anchor>
            <Group gap="xs" wrap="nowrap">
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
              {me.data ? (
                <Button variant="subtle" onClick={() => signOut.mutate()} loading={signOut.isPending} px="xs">
                  {t('app.signOut')}
                </Button>
              ) : (
                me.data === null &&
                !onAccountPage && (
                  <Button component={Link} to={signInPath(location)} variant="subtle" px="xs">
                    {t('app.signIn')}
                  </Button>
                )
              )}
            </Group>
          </Group>
        </Container>
      </header>
      <Container size="md" py="lg" component="main" id="main" tabIndex={-1}>
        {children ?? <Outlet />}
      </Container>
      <footer>
        {me.data && (
          <Group component="nav" aria-label={t('app.nav.label')} justify="center" gap="md" py="xs">
            <Anchor component={Link} to="/" className="puente-touch">
              {t('app.nav.home')}
            </Anchor>
            <Anchor component={Link} to="/constancias" className="puente-touch">
              {t('app.nav.certificates')}
            </Anchor>
            {me.data.roles.includes('manager') && (
              <>
                <Anchor component={Link} to="/liberaciones" className="puente-touch">
                  {t('app.nav.releases')}
                </Anchor>
                <Anchor component={Link} to="/mi-unidad" className="puente-touch">
                  {t('app.nav.unit')}
                </Anchor>
              </>
            )}
            {me.data.roles.includes('facilitator') && (
              <Anchor component={Link} to="/facilitar/casos/biblioteca" className="puente-touch">
                {t('app.nav.library')}
              </Anchor>
            )}
            {(me.data.roles.includes('attendee') || me.data.roles.includes('facilitator')) && (
              <Anchor component={Link} to="/contactos" className="puente-touch">
                {t('app.nav.contacts')}
              </Anchor>
            )}
            <Anchor component={Link} to="/perfil" className="puente-touch">
              {t('app.nav.profile')}
            </Anchor>
          </Group>
        )}
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('app.tagline')}
        </Text>
      </footer>
    </>
  );
}
