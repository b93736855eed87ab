import type { ConfigSection } from './setting';
import { attendanceSection } from './sections/attendance.config';
import { casesSection } from './sections/cases.config';
import { certificatesSection } from './sections/certificates.config';
import { credentialsSection } from './sections/credentials.config';
import { databaseSection } from './sections/database.config';
import { enrolmentSection } from './sections/enrolment.config';
import { evaluationsSection } from './sections/evaluations.config';
import { httpSection } from './sections/http.config';
import { identitySection } from './sections/identity.config';
import { jobsSection } from './sections/jobs.config';
import { mailSection } from './sections/mail.config';
import { matchingSection } from './sections/matching.config';
import { seminarsSection } from './sections/seminars.config';
import { serverSection } from './sections/server.config';
import { storageSection } from './sections/storage.config';

/** Every section, in the order loadConfig reads them and docs/configuration.md shows them. */
export const CONFIG_SECTIONS: readonly ConfigSection[] = [
  serverSection,
  httpSection,
  storageSection,
  databaseSection,
  identitySection,
  mailSection,
  casesSection,
  enrolmentSection,
  seminarsSection,
  jobsSection,
  certificatesSection,
  credentialsSection,
  evaluationsSection,
  attendanceSection,
  matchingSection,
];
