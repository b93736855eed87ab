import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../app/session';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack gap="md">
      <Title order={1}>{me.data ? t('home.greeting', { name: me.data.fullName }) : t('home.title')}</Title>
      <Text size="lg">{t('home.lead')}</Text>
      <Button component={Link} to="/verificar" variant="light" style={{ alignSelf: 'flex-start' }}>
        {t('home.verify')}
      </Button>
    </Stack>
  );
}
