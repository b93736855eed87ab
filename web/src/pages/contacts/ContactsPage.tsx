import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Switch.css';
import { Alert, Anchor, Badge, Button, Loader, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { formatDate } from '../../lib/format';

type Sharing = components['schemas']['ContactSharingResponseDto'];
type Contact = components['schemas']['ContactResponseDto'];

const SHARING_KEY = ['contacts', 'sharing'] as const;
const CONTACTS_KEY = ['contacts', 'mine'] as const;

/** A switch's whole row is its touch target (at least 44 px high); a long address wraps. */
const SWITCH_STYLES = {
  body: { minHeight: 44, alignItems: 'center' },
  labelWrapper: { minWidth: 0 },
  description: { overflowWrap: 'anywhere' },
} as const;

/**
 * `/contactos`: what I share with the people of my seminars, channel by channel (nothing until I
 * choose), then the specialists (for an attendee) and participants (for a facilitator) I can reach,
 * each with a large button per channel they share.
 */
export function ContactsPage() {
  return (
    <RequireSignIn>
      <Contacts />
    </RequireSignIn>
  );
}

function Contacts() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const attendee = me.roles.includes('attendee');
  const facilitator = me.roles.includes('facilitator');
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{t('contacts.title')}</Title>
      {attendee || facilitator ? (
        <>
          <Text>{t('contacts.what')}</Text>
          <SharingLoader facilitator={facilitator} />
          <ContactLists attendee={attendee} facilitator={facilitator} />
        </>
      ) : (
        <Text>{t('contacts.noRole')}</Text>
      )}
    </Stack>
  );
}

function SharingLoader({ facilitator }: { facilitator: boolean }) {
  const { t } = useTranslation();
  const sharing = useQuery({
    queryKey: SHARING_KEY,
    queryFn: async () => dataOf(await api.GET('/api/v1/me/contact-sharing')),
  });
  if (sharing.isError) return <ErrorState error={sharing.error} onRetry={() => void sharing.refetch()} />;
  if (sharing.isPending) return <Loader role="status" aria-label={t('contacts.loading')} />;
  return <SharingForm sharing={sharing.data} facilitator={facilitator} />;
}

function SharingForm({ sharing, facilitator }: { sharing: Sharing; facilitator: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [choice, setChoice] = useState({
    shareWorkPhone: sharing.shareWorkPhone,
    shareMobile: sharing.shareMobile,
    shareWhatsapp: sharing.shareWhatsapp,
    shareEmail: sharing.shareEmail,
  });
  const [mobile, setMobile] = useState(sharing.mobile ?? '');
  const [whatsapp, setWhatsapp] = useState(sharing.whatsapp ?? '');
  const save = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.PUT('/api/v1/me/contact-sharing', {
          body: { ...choice, mobile: mobile.trim() || null, whatsapp: whatsapp.trim() || null },
        }),
      ),
    onSuccess: async (saved) => {
      client.setQueryData(SHARING_KEY, saved);
      setMobile(saved.mobile ?? '');
      setWhatsapp(saved.whatsapp ?? '');
      await client.invalidateQueries({ queryKey: CONTACTS_KEY });
    },
  });
  const problem = useProblem(save.error);
  const fields = ['shareWorkPhone', 'mobile', 'whatsapp'];
  const formError = problem.form && !fields.some((field) => problem.field(field)) ? problem.form : undefined;
  const toggle = (flag: keyof typeof choice) => (checked: boolean) => {
    setChoice((current) => ({ ...current, [flag]: checked }));
    if (save.isSuccess) save.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="contacts-sharing">
      <Stack gap="md">
        <Title order={2} size="h3" id="contacts-sharing">
          {t('contacts.sharing.title')}
        </Title>
        <Text>{facilitator ? t('contacts.sharing.whoSeesFacilitator') : t('contacts.sharing.whoSeesAttendee')}</Text>
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Switch
          size="lg"
          styles={SWITCH_STYLES}
          label={t('contacts.channel.workPhone')}
          description={
            sharing.workPhone ? (
              sharing.workPhone
            ) : (
              <>
                {t('contacts.sharing.noWorkPhone')}{' '}
                <Anchor component={Link} to="/perfil" underline="always">
                  {t('contacts.sharing.toProfile')}
                </Anchor>
              </>
            )
          }
          checked={choice.shareWorkPhone}
          disabled={!sharing.workPhone && !choice.shareWorkPhone}
          onChange={(e) => toggle('shareWorkPhone')(e.currentTarget.checked)}
          error={problem.field('shareWorkPhone')}
        />
        <NumberChoice
          label={t('contacts.channel.mobile')}
          numberLabel={t('contacts.sharing.mobileNumber')}
          checked={choice.shareMobile}
          onToggle={toggle('shareMobile')}
          value={mobile}
          onValue={setMobile}
          error={problem.field('mobile')}
        />
        <NumberChoice
          label={t('contacts.channel.whatsapp')}
          numberLabel={t('contacts.sharing.whatsappNumber')}
          checked={choice.shareWhatsapp}
          onToggle={toggle('shareWhatsapp')}
          value={whatsapp}
          onValue={setWhatsapp}
          error={problem.field('whatsapp')}
        />
        <Switch
          size="lg"
          styles={SWITCH_STYLES}
          label={t('contacts.channel.email')}
          description={sharing.email}
          checked={choice.shareEmail}
          onChange={(e) => toggle('shareEmail')(e.currentTarget.checked)}
        />
        {save.isSuccess && (
          <Text role="status" fw={600}>
            {t('contacts.sharing.saved')}
          </Text>
        )}
        <Button type="submit" size="lg" loading={save.isPending}>
          {t('contacts.sharing.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** A channel that needs a number: its switch, and the number's field while it is on. */
function NumberChoice(props: {
  label: string;
  numberLabel: string;
  checked: boolean;
  onToggle: (checked: boolean) => void;
  value: string;
  onValue: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Switch
        size="lg"
        styles={SWITCH_STYLES}
        label={props.label}
        checked={props.checked}
        onChange={(e) => props.onToggle(e.currentTarget.checked)}
      />
      {(props.checked || props.error) && (
        <TextInput
          label={props.numberLabel}
          description={t('contacts.sharing.numberHint')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={props.value}
          onChange={(e) => props.onValue(e.currentTarget.value)}
          error={props.error}
        />
      )}
    </Stack>
  );
}

function ContactLists({ attendee, facilitator }: { attendee: boolean; facilitator: boolean }) {
  const { t } = useTranslation();
  const contacts = useQuery({
    queryKey: CONTACTS_KEY,
    queryFn: async () => dataOf(await api.GET('/api/v1/me/contacts')),
  });
  if (contacts.isError) return <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />;
  if (contacts.isPending) return <Loader role="status" aria-label={t('contacts.loading')} />;
  return (
    <>
      {attendee && (
        <ContactSection
          id="contacts-specialists"
          title={t('contacts.specialists.title')}
          empty={t('contacts.specialists.empty')}
        >
          {contacts.data.specialists.map((contact) => (
            <ContactCard key={contact.personId} contact={contact} />
          ))}
        </ContactSection>
      )}
      {facilitator && (
        <ContactSection
          id="contacts-participants"
          title={t('contacts.participants.title')}
          empty={t('contacts.participants.empty')}
        >
          {contacts.data.participants.map((contact) => (
            <ContactCard key={contact.personId} contact={contact} />
          ))}
        </ContactSection>
      )}
    </>
  );
}

function ContactSection({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  children: ReactNode[];
}) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children.length === 0 ? (
        <Text>{empty}</Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {children}
        </Stack>
      )}
    </Stack>
  );
}

function ContactCard({ contact }: { contact: Contact }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const headingId = `contact-${contact.personId}`;
  const specialty = contact.specialty && (language === 'en' ? contact.specialty.nameEn : contact.specialty.nameEs);
  return (
    <Paper withBorder p="md" component="li" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h4" id={headingId}>
            {contact.fullName}
          </Title>
          {specialty && <Text>{specialty}</Text>}
          {contact.unitName && <Text>{contact.unitName}</Text>}
          {contact.referralHospital && (
            <Badge variant="light" color="blue.9" style={{ alignSelf: 'flex-start' }}>
              {t('contacts.specialists.referralHospital')}
            </Badge>
          )}
          {contact.seminars.map((seminar) => (
            <Text key={seminar.id} size="sm">
              {t('contacts.seminar', { title: seminar.title, date: formatDate(seminar.startDate, language) })}
            </Text>
          ))}
        </Stack>
        {contact.channels.map((channel) => (
          <Button
            key={channel.channel}
            component="a"
            href={channel.href}
            size="lg"
            fullWidth
            variant={channel.channel === 'whatsapp' ? 'filled' : 'light'}
            {...(channel.channel === 'whatsapp' ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
          >
            {t(`contacts.action.${channel.channel}`, { value: channel.value })}
          </Button>
        ))}
      </Stack>
    </Paper>
  );
}
