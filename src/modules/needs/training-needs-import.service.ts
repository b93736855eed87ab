import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { isUuid } from '../../common/http/uuid.pipe';
import { message } from '../../common/i18n/messages';
import { inTransaction } from '../../database/transaction';
import { ownValue, readCsvTable, type CsvRow } from '../directory/import/csv-table';
import {
  csvProblemError,
  csvFileMissing,
  IMPORT_CONSTRAINTS,
  rowsRefused,
  type ImportResult,
  type ImportRowResult,
} from '../directory/import/import-report';
import { importWithoutPersonColumn } from './needs.errors';
import {
  TrainingNeedsRepository,
  type InterestRow,
  type NamedPerson,
  type TopicChoice,
} from './training-needs.repository';
import type { TrainingNeedProfile } from './training-need.entity';
import { ALIASES, BOOLEANS, MAX_WISH_LENGTH, titleKey, mergeCell, pairKey, profileDiffers } from './training-needs-csv';

/** One row as read, before it is compared with what is stored. */
export interface ParsedRow {
  line: number;
  key?: string;
  person?: NamedPerson;
  topic?: TopicChoice;
  interest?: number;
  willing?: boolean;
  trainedBefore?: boolean;
  wish?: string;
  errors: FieldError[];
}

/** What the file sets for one person, merged over their rows. */
interface PersonPlan {
  personId: string;
  firstLine: number;
  willing?: { value: boolean; line: number };
  wish?: { value: string; line: number };
  changed: boolean;
}

const required = message('needs.trainingNeedsImport.required');

/**
 * Imports training needs from CSV, one row per person and topic. The rows of one person merge:
 * the file replaces only the interests it lists and sets the profile fields it gives, leaving the
 * person's other topics alone. A dry run reports; a commit applies all or nothing.
 */
@Injectable()
export class TrainingNeedsImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly needs: TrainingNeedsRepository,
    private readonly audit: AuditService,
  ) {}

  async import(actor: Principal, file: Buffer | undefined, commit: boolean): Promise<ImportResult> {
    if (!file) throw csvFileMissing();
    const table = readCsvTable(file, ALIASES, ['topic', 'interest', 'willing']);
    if (!table.ok) throw csvProblemError(table.problem);
    const [first] = table.rows;
    if (first && !('email' in first.values) && !('licenceNumber' in first.values)) throw importWithoutPersonColumn();
    const outcome = await inTransaction(
      this.dataSource,
      async (manager) => {
        // One import at a time, like the directory's; each person named is also locked against a form saved meanwhile.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('puente:training-needs-import'))`);
        const rows = await this.read(manager, table.rows);
        const personIds = [...new Set(rows.flatMap((row) => (row.person ? [row.person.id] : [])))];
        await this.needs.lockPeople(personIds, manager);
        const { results, plans, interests } = await this.plan(manager, rows, personIds);
        const hasErrors = results.some((row) => row.outcome === 'error');
        if (!commit || hasErrors) return { rows: results, committed: false, hasErrors };
        await this.apply(manager, actor, plans, interests);
        return { rows: results, committed: true, hasErrors };
      },
      IMPORT_CONSTRAINTS,
    );
    if (commit && outcome.hasErrors) throw rowsRefused(outcome.rows);
    return { committed: outcome.committed, rows: outcome.rows };
  }

  /** Each row's values checked on their own, with the person and topic they name. */
  private async read(manager: EntityManager, rows: CsvRow[]): Promise<ParsedRow[]> {
    const topics = await this.needs.findAllTopics(manager);
    const topicById = new Map(topics.map((topic) => [topic.id, topic]));
    const topicByTitle = new Map(topics.map((topic) => [titleKey(topic.title), topic]));
    const identities = rows.map(({ values }) => ({
      email: (values.email ?? '').trim().toLowerCase(),
      licence: (values.licenceNumber ?? '').replace(/[\s.-]/g, ''),
    }));
    const people = await this.needs.findPeopleByLicencesOrEmails(
      identities.flatMap((identity) => (identity.licence ? [identity.licence] : [])),
      identities.flatMap((identity) => (identity.email ? [identity.email] : [])),
      manager,
    );
    const byLicence = new Map(
      people.filter((person) => person.licenceNumber).map((person) => [person.licenceNumber!, person]),
    );
    const byEmail = new Map(people.map((person) => [person.email, person]));

    return rows.map(({ line, values }, index) => {
      const parsed: ParsedRow = { line, errors: [] };
      const { email, licence } = identities[index];
      const errors = parsed.errors;
      const named = {
        licence: licence ? byLicence.get(licence) : undefined,
        email: email ? byEmail.get(email) : undefined,
      };
      if (!email && !licence)
        errors.push({
          field: 'email',
          message: message('needs.trainingNeedsImport.giveEmailLicenceNumber'),
        });
      if (licence && !named.licence)
        errors.push({
          field: 'licenceNumber',
          message: message('needs.trainingNeedsImport.nobodyHasLicenceNumber'),
        });
      if (email && !named.email)
        errors.push({ field: 'email', message: message('needs.trainingNeedsImport.nobodyHasEmail') });
      if (named.licence && named.email && named.licence.id !== named.email.id) {
        errors.push({
          field: 'email',
          message: message('needs.trainingNeedsImport.emailLicenceNumberBelong'),
        });
      }
      const person = named.licence ?? named.email;
      if (person && !person.roles.includes('attendee')) {
        errors.push({
          field: licence ? 'licenceNumber' : 'email',
          message: message('needs.trainingNeedsImport.personDoesNotHave'),
        });
      }
      if (errors.length === 0) parsed.person = person;

      const topicCell = (values.topic ?? '').trim();
      const topic = isUuid(topicCell) ? topicById.get(topicCell.toLowerCase()) : topicByTitle.get(titleKey(topicCell));
      if (!topicCell) errors.push({ field: 'topic', message: required });
      else if (!topic)
        errors.push({
          field: 'topic',
          message: message('needs.trainingNeedsImport.thereNoTopic', { topicCell }),
        });
      else if (!topic.active)
        errors.push({
          field: 'topic',
          message: message('needs.trainingNeedsImport.topicNoLongerOffered', { title: topic.title }),
        });
      else parsed.topic = topic;
      parsed.key = `${licence || email} · ${topic?.title ?? topicCell}`;

      const interest = (values.interest ?? '').trim();
      if (/^[0-3]$/.test(interest)) parsed.interest = Number(interest);
      else errors.push({ field: 'interest', message: message('needs.trainingNeedsImport.use012') });
      parsed.willing = this.yesNo(values.willing, 'willing', errors);
      parsed.trainedBefore = this.yesNo(values.trainedBefore, 'trainedBefore', errors);
      const wish = (values.wish ?? '').trim();
      if (wish.length > MAX_WISH_LENGTH)
        errors.push({
          field: 'wish',
          message: message('needs.trainingNeedsImport.hasMoreThanCharacters', { maxWishLength: MAX_WISH_LENGTH }),
        });
      else if (wish) parsed.wish = wish;
      return parsed;
    });
  }

  /** A yes/no cell: undefined when empty (nothing to set), an error when it is neither. */
  private yesNo(cell: string | undefined, field: string, errors: FieldError[]): boolean | undefined {
    const value = (cell ?? '').trim().toLowerCase();
    if (value === '') return undefined;
    const answer = ownValue(BOOLEANS, value);
    if (answer === undefined) errors.push({ field, message: message('needs.trainingNeedsImport.useYesNo') });
    return answer;
  }

  /**
   * Merges the rows of each person, compares them with what is stored and gives each row its
   * outcome. A person's profile fields may be given on any of their rows, but not differently on two.
   */
  private async plan(manager: EntityManager, rows: ParsedRow[], personIds: string[]) {
    const profiles = new Map(
      (await this.needs.findProfiles(personIds, manager)).map((profile) => [profile.personId, profile]),
    );
    const stored = new Map(
      (await this.needs.findInterestRows(personIds, manager)).map((row) => [pairKey(row.personId, row.topicId), row]),
    );
    const plans = new Map<string, PersonPlan>();
    const seenPairs = new Map<string, number>();
    const interests: InterestRow[] = [];
    const results: ImportRowResult[] = rows.map((row) => ({ line: row.line, outcome: 'error', key: row.key }));

    rows.forEach((row, index) => {
      // A row with mistakes of its own neither merges nor counts as a repeat.
      if (!row.person || row.errors.length > 0) return;
      const plan = plans.get(row.person.id) ?? { personId: row.person.id, firstLine: row.line, changed: false };
      plans.set(row.person.id, plan);
      if (row.topic) {
        const seen = seenPairs.get(pairKey(row.person.id, row.topic.id));
        if (seen)
          row.errors.push({
            field: 'topic',
            message: message('needs.trainingNeedsImport.repeatedPersonTopicAlready', { seen }),
          });
        else seenPairs.set(pairKey(row.person.id, row.topic.id), row.line);
      }
      plan.willing = mergeCell(plan.willing, row.willing, row, 'willing');
      plan.wish = mergeCell(plan.wish, row.wish, row, 'wish');
      if (row.errors.length > 0) return;
      const current = stored.get(pairKey(row.person.id, row.topic!.id));
      const next: InterestRow = {
        personId: row.person.id,
        topicId: row.topic!.id,
        interest: row.interest!,
        trainedBefore: row.trainedBefore ?? current?.trainedBefore ?? false,
      };
      const profile = profiles.get(row.person.id);
      const interestChanged =
        !current || current.interest !== next.interest || current.trainedBefore !== next.trainedBefore;
      const profileChanged = !profile || profileDiffers(profile, row.willing, row.wish);
      if (interestChanged) interests.push(next);
      plan.changed ||= interestChanged || profileChanged;
      results[index].outcome = !current ? 'created' : interestChanged || profileChanged ? 'updated' : 'unchanged';
    });

    // Someone who never stated their needs must say whether they would attend on one of their rows.
    for (const plan of plans.values()) {
      if (profiles.has(plan.personId) || plan.willing) continue;
      const firstRow = rows.find((row) => row.line === plan.firstLine)!;
      if (firstRow.errors.some((error) => error.field === 'willing')) continue;
      firstRow.errors.push({
        field: 'willing',
        message: message('needs.trainingNeedsImport.requiredSomeoneWhoHas'),
      });
    }
    rows.forEach((row, index) => {
      if (row.errors.length > 0) results[index] = { ...results[index], outcome: 'error', errors: row.errors };
    });
    const changedPlans = [...plans.values()]
      .filter((plan) => plan.changed)
      .map((plan) => ({ plan, profile: profiles.get(plan.personId) }));
    return { results, plans: changedPlans, interests };
  }

  private async apply(
    manager: EntityManager,
    actor: Principal,
    plans: { plan: PersonPlan; profile?: TrainingNeedProfile }[],
    interests: InterestRow[],
  ): Promise<void> {
    await this.needs.upsertProfiles(
      plans.map(({ plan, profile }) => ({
        personId: plan.personId,
        willingToAttend: plan.willing?.value ?? profile!.willingToAttend,
        wish: plan.wish?.value ?? profile?.wish ?? null,
        updatedById: actor.personId,
      })),
      manager,
    );
    await this.needs.upsertInterests(interests, manager);
    await this.audit.record(manager, {
      actorId: actor.personId,
      action: 'training_needs.imported',
      subjectType: 'person',
      details: { people: plans.map(({ plan }) => plan.personId), interests: interests.length },
    });
  }
}
