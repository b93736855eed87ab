/** The contexts of a VC 2.0 credential shaped as an Open Badges 3.0 OpenBadgeCredential, in this order. */
export const OPEN_BADGE_CONTEXT = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
] as const;

export type CredentialKind = 'attendance' | 'facilitation';

/** What a certificate's credential says: the values printed on the certificate, frozen when it was issued. */
export interface OpenBadgeInput {
  /** The certificate revision's id (a UUID); one credential per revision. */
  certificateId: string;
  registryNumber: string;
  revision: number;
  kind: CredentialKind;
  /** As printed: the holder's name and professional licence number (cédula profesional), if any. */
  holder: { name: string; licence: string | null };
  topic: string;
  seminarTitle: string;
  /** Calendar dates as printed, `YYYY-MM-DD`. */
  startDate: string;
  endDate: string;
  /** Hours credited on the certificate. */
  hours: number;
  issuedAt: Date;
  /** `id` is a URL of the issuer (the configured issuer URL). */
  issuer: { id: string; name: string };
  /** A URL that identifies the achievement: one per seminar and kind, the same in every holder's credential. */
  achievementId: string;
  /** Where the PDF can be fetched (by those allowed to); `pdfSha256` is the hex SHA-256 of its bytes. */
  pdfUrl: string;
  pdfSha256: string;
  /** URL of the BitstringStatusListCredential and this certificate's position in it. */
  statusListUrl: string;
  statusIndex: number;
}

const KIND_LABEL: Record<
  CredentialKind,
  { credential: string; role: string; achievementType: string; criteria: string }
> = {
  attendance: {
    credential: 'Constancia de asistencia',
    role: 'Asistente',
    achievementType: 'CertificateOfCompletion',
    criteria: 'Asistió a las horas del seminario que exige la regla de certificación y completó sus evaluaciones.',
  },
  facilitation: {
    credential: 'Constancia de facilitación',
    role: 'Facilitador',
    achievementType: 'Certificate',
    criteria: 'Facilitó las sesiones del seminario como especialista.',
  },
};

/**
 * Builds the unsigned credential (VC Data Model 2.0, Open Badges 3.0 `OpenBadgeCredential`).
 *
 * - `id` is `urn:uuid:<certificateId>`: unambiguous per revision and independent of the service's
 *   address and routes, which a signed document cannot follow if they change (VC 2.0 §4.4 allows any URL).
 * - Hours are `credentialSubject.creditsEarned` (OB 3.0 AchievementSubject); the role (attendee or
 *   facilitator) is `credentialSubject.role`.
 * - The holder is named by two plain-text OB 3.0 IdentityObjects (name, and licence under the
 *   extension identity type `ext:ProfessionalLicence`): exactly what the certificate prints, no more.
 * - The PDF's SHA-256 is a VC 2.0 `relatedResource` (§5.3, Integrity of Related Resources) with an SRI
 *   digest, so a verifier can check the PDF it was given against the signed credential.
 */
export function openBadgeCredential(input: OpenBadgeInput) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.certificateId)) {
    throw new RangeError(`certificateId must be a UUID, got "${input.certificateId}"`);
  }
  if (!/^[0-9a-f]{64}$/i.test(input.pdfSha256)) throw new RangeError('pdfSha256 must be 64 hexadecimal digits');
  if (!Number.isInteger(input.statusIndex) || input.statusIndex < 0)
    throw new RangeError(`statusIndex must be a whole number, got ${input.statusIndex}`);
  const label = KIND_LABEL[input.kind];
  const revision = input.revision > 1 ? ` (revisión ${input.revision})` : '';
  const period =
    input.startDate === input.endDate ? `el ${input.startDate}` : `del ${input.startDate} al ${input.endDate}`;
  const identifier = [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: input.holder.name }];
  if (input.holder.licence) {
    identifier.push({
      type: 'IdentityObject',
      identityType: 'ext:ProfessionalLicence',
      hashed: false,
      identityHash: input.holder.licence,
    });
  }
  return {
    '@context': [...OPEN_BADGE_CONTEXT],
    id: `urn:uuid:${input.certificateId.toLowerCase()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${label.credential} ${input.registryNumber}${revision}`,
    description: `${label.credential} del seminario «${input.seminarTitle}», ${period}, ${formatHours(input.hours)} horas. Registro ${input.registryNumber}${revision}.`,
    issuer: { id: input.issuer.id, type: ['Profile'], name: input.issuer.name },
    validFrom: input.issuedAt.toISOString(),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier,
      role: label.role,
      creditsEarned: input.hours,
      achievement: openBadgeAchievement({ ...input, id: input.achievementId }),
    },
    relatedResource: [
      {
        id: input.pdfUrl,
        mediaType: 'application/pdf',
        digestSRI: `sha256-${Buffer.from(input.pdfSha256, 'hex').toString('base64')}`,
      },
    ],
    credentialStatus: {
      id: `${input.statusListUrl}#${input.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(input.statusIndex),
      statusListCredential: input.statusListUrl,
    },
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** What an achievement is: one per seminar and kind of certificate, the same in every holder's credential. */
export interface AchievementInput {
  id: string;
  kind: CredentialKind;
  topic: string;
  seminarTitle: string;
  startDate: string;
  endDate: string;
}

/** The Open Badges 3.0 Achievement a credential names, and that its id answers with. */
export function openBadgeAchievement(input: AchievementInput) {
  const label = KIND_LABEL[input.kind];
  const period =
    input.startDate === input.endDate ? `el ${input.startDate}` : `del ${input.startDate} al ${input.endDate}`;
  return {
    id: input.id,
    type: ['Achievement'],
    achievementType: label.achievementType,
    name: input.topic,
    description: `Seminario «${input.seminarTitle}» sobre ${input.topic}, ${period}.`,
    criteria: { narrative: label.criteria },
    inLanguage: 'es',
  };
}

function formatHours(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(2).replace(/0$/, '').replace('.', ',');
}
