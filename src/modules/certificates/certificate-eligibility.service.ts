import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AttendanceLedger } from '../attendance/attendance-ledger';
import { EvaluationFormsService } from '../evaluations/evaluation-forms.service';
import { seminarNotFound } from '../seminars/seminars.errors';
import type { CertificateKind } from './certificate.entity';
import { IssuanceRepository, type HolderRow, type SeminarFacts } from './certificate-issuance.repository';
import { attendeeVerdict, facilitatorVerdict, type IneligibleReason } from './eligibility';

export interface EligibilityRow {
  personId: string;
  name: string;
  licence: string | null;
  locale: 'es' | 'en';
  kind: CertificateKind;
  eligible: boolean;
  reasons: IneligibleReason[];
  hours: number;
  /** Hours attended over the seminar's hours (attendees), 0–1. */
  attendanceShare: number | null;
  certificate: { id: string; registryNumber: string; status: string } | null;
}

/** Who could hold a certificate of a seminar, for how many hours, and why not when they cannot. */
@Injectable()
export class CertificateEligibility {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issuance: IssuanceRepository,
    private readonly ledger: AttendanceLedger,
    private readonly forms: EvaluationFormsService,
  ) {}

  /** Everyone who could hold a certificate of the seminar, with the reasons when they cannot. */
  async eligibility(seminarId: string, manager: EntityManager = this.dataSource.manager): Promise<EligibilityRow[]> {
    const seminar = await this.issuance.seminarFacts(seminarId, manager);
    if (!seminar) throw seminarNotFound();
    return this.of(manager, seminar);
  }

  async of(manager: EntityManager, seminar: SeminarFacts): Promise<EligibilityRow[]> {
    const seminarId = seminar.id;
    const [attendees, facilitators, certificates, answeredFinal, summaries, topicForms, seminarHours] =
      await Promise.all([
        this.issuance.confirmedAttendees(seminarId, manager),
        this.issuance.facilitatorsWithMinutes(seminarId, manager),
        this.issuance.currentCertificates(seminarId, manager),
        this.issuance.answeredFinal(seminarId, manager),
        this.ledger.summaries(manager, seminarId),
        this.forms.forTopic(manager, seminar.topicId),
        this.issuance.seminarHours(seminarId, manager),
      ]);
    const held = (personId: string, kind: CertificateKind) => {
      const found = certificates.find((c) => c.person_id === personId && c.kind === kind);
      return found ? { id: found.id, registryNumber: found.registry_number, status: found.status } : null;
    };
    const agendaAssigned = facilitators.some((f) => f.minutes > 0);
    const rows: EligibilityRow[] = [];
    for (const person of attendees) {
      const summary = summaries.get(person.id);
      const share = summary?.share ?? 0;
      const verdict = attendeeVerdict(
        seminar.completed,
        {
          minAttendancePercent: seminar.minAttendancePercent,
          evaluationRequired: seminar.evaluationRequired,
          creditHours: seminar.creditHours,
        },
        {
          hoursAttended: summary?.hoursAttended ?? 0,
          seminarHours,
          finalEvaluationAnswered: answeredFinal.has(person.id),
          finalEvaluationAsked: topicForms.has('final'),
        },
      );
      rows.push(row(person, 'attendance', verdict, share, held(person.id, 'attendance')));
    }
    for (const person of facilitators) {
      // Without any agenda block assigned, every facilitator is credited the seminar's hours.
      const verdict = facilitatorVerdict(seminar.completed, agendaAssigned ? person.minutes / 60 : seminarHours);
      rows.push(row(person, 'facilitation', verdict, null, held(person.id, 'facilitation')));
    }
    return rows;
  }
}

function row(
  person: HolderRow,
  kind: CertificateKind,
  verdict: { eligible: boolean; reasons: IneligibleReason[]; hours: number },
  share: number | null,
  certificate: EligibilityRow['certificate'],
): EligibilityRow {
  const reasons = [...verdict.reasons];
  if (certificate?.status === 'revoked') reasons.push('revoked');
  return {
    personId: person.id,
    name: person.full_name,
    licence: person.licence_number,
    locale: person.locale === 'en' ? 'en' : 'es',
    kind,
    eligible: verdict.eligible && certificate?.status !== 'revoked',
    reasons,
    hours: verdict.hours,
    attendanceShare: share,
    certificate,
  };
}
