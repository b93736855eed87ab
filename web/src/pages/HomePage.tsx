import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function HomePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1}>{t('home.title')}</Title>
      <Text size="lg">{t('home.lead')}</Text>
      <Button component={Link} to="/verificar" style={{ alignSelf: 'flex-start' }}>
        {t('home.verify')}
      </Button>
    </Stack>
  );
}
