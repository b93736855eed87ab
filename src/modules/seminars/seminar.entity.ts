import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type ValueTransformer,
} from 'typeorm';
import { Topic } from '../topics/topic.entity';
import { Venue } from './venue.entity';

export const SEMINAR_STATUSES = [
  'draft',
  'open',
  'confirmed',
  'in_progress',
  'completed',
  'closed',
  'cancelled',
] as const;
export type SeminarStatus = (typeof SEMINAR_STATUSES)[number];

/** Seminars still to be held or being held: neither cancelled nor over. */
export const ACTIVE_STATUSES: SeminarStatus[] = ['draft', 'open', 'confirmed', 'in_progress'];

export const AGENDA_BLOCK_KINDS = ['case_discussion', 'workshop', 'lecture', 'break', 'plenary'] as const;
export type AgendaBlockKind = (typeof AGENDA_BLOCK_KINDS)[number];

/** PostgreSQL `time` reads back as 'HH:MM:SS'; the API speaks 'HH:MM'. */
const clockTime: ValueTransformer = {
  to: (value: string | undefined) => value,
  from: (value: string | null) => (value === null ? null : value.slice(0, 5)),
};

/**
 * pg reads `date[]` as local-midnight Date objects (single `date` columns TypeORM already keeps as
 * text); read back with local getters they are the stored calendar dates again.
 */
const calendarDates: ValueTransformer = {
  to: (value: string[] | undefined) => value,
  from: (value: (string | Date)[] | null) =>
    value?.map((date) =>
      typeof date === 'string'
        ? date
        : `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`,
    ) ?? null,
};

/** One run of a topic: a network's seminar at a venue on consecutive working days. */
@Entity('seminar')
@Check('seminar_status_known', `status IN ('draft','open','confirmed','in_progress','completed','closed','cancelled')`)
@Check('seminar_dates_ordered', 'start_date <= end_date')
@Check('seminar_capacity_positive', 'capacity >= 1')
@Check('seminar_cancellation_has_reason', `(status = 'cancelled') = (cancellation_reason IS NOT NULL)`)
export class Seminar {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('seminar_topic_idx')
  @Column({ type: 'uuid' })
  topicId: string;

  @ManyToOne(() => Topic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'topic_id' })
  topic?: Topic;

  @Index('seminar_network_idx')
  @Column({ type: 'uuid' })
  networkId: string;

  @ManyToOne('Network', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: unknown;

  @Index('seminar_venue_idx')
  @Column({ type: 'uuid', nullable: true })
  venueId: string | null;

  @ManyToOne(() => Venue, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'integer' })
  capacity: number;

  @Index('seminar_start_date_idx')
  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: SeminarStatus;

  /**
   * When the seminar was first opened. Until then it is a plan of the office and its facilitators,
   * and stays theirs even if it is cancelled without ever opening.
   */
  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /** Bumped on every change that calendars show (dates, venue, title, notes, status); the event SEQUENCE. */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  @OneToMany(() => SeminarDay, (day) => day.seminar)
  days?: SeminarDay[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A day of a seminar. Days keep their identity (and their agenda) when the seminar is rescheduled:
 * only the date moves.
 */
@Entity('seminar_day')
@Index('seminar_day_position_unique', ['seminarId', 'position'], { unique: true })
@Unique('seminar_day_date_unique', ['seminarId', 'date'], { deferrable: 'INITIALLY IMMEDIATE' })
@Check('seminar_day_hours_ordered', 'start_time < end_time')
export class SeminarDay {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne(() => Seminar, (seminar) => seminar.days, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: Seminar;

  /** 1 for the first day. */
  @Column({ type: 'smallint' })
  position: number;

  @Index('seminar_day_date_idx')
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'time', transformer: clockTime })
  startTime: string;

  @Column({ type: 'time', transformer: clockTime })
  endTime: string;

  /** Bumped on every agenda change, so two people co-planning never overwrite each other unknowingly. */
  @Column({ type: 'integer', default: 0 })
  agendaVersion: number;

  @OneToMany(() => AgendaBlock, (block) => block.day)
  blocks?: AgendaBlock[];
}

/** A stretch of a seminar day: a case discussion, a workshop, a lecture, a break or a plenary. */
@Entity('agenda_block')
@Index('agenda_block_position_unique', ['seminarDayId', 'position'], { unique: true })
@Check('agenda_block_kind_known', `kind IN ('case_discussion','workshop','lecture','break','plenary')`)
@Check('agenda_block_times_ordered', 'start_time < end_time')
export class AgendaBlock {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  seminarDayId: string;

  @ManyToOne(() => SeminarDay, (day) => day.blocks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_day_id' })
  day?: SeminarDay;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 24 })
  kind: AgendaBlockKind;

  @Column({ type: 'time', transformer: clockTime })
  startTime: string;

  @Column({ type: 'time', transformer: clockTime })
  endTime: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** A facilitator of the seminar, or nobody yet. */
  @Index('agenda_block_responsible_idx')
  @Column({ type: 'uuid', nullable: true })
  responsibleId: string | null;

  @ManyToOne('Person', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'responsible_id' })
  responsible?: unknown;
}

/** A specialist facilitating a seminar; at most one per seminar is the lead. */
@Entity('facilitation')
@Index('facilitation_person_unique', ['seminarId', 'personId'], { unique: true })
@Index('facilitation_one_lead', ['seminarId'], { unique: true, where: 'lead' })
export class Facilitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne(() => Seminar, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: Seminar;

  @Index('facilitation_person_idx')
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  @Column({ type: 'boolean', default: false })
  lead: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The history of a seminar's dates: every reschedule, with who did it and why. */
@Entity('seminar_schedule_change')
export class ScheduleChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('seminar_schedule_change_seminar_idx')
  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne(() => Seminar, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: Seminar;

  @Column({ type: 'date', array: true, transformer: calendarDates })
  previousDates: string[];

  @Column({ type: 'date', array: true, transformer: calendarDates })
  newDates: string[];

  @Column({ type: 'uuid', nullable: true })
  previousVenueId: string | null;

  @Column({ type: 'uuid', nullable: true })
  newVenueId: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A person's secret calendar feed. Only a hash of the token is kept; rotating replaces it. */
@Entity('calendar_feed')
export class CalendarFeed {
  @Column({ type: 'uuid', primary: true })
  personId: string;

  @ManyToOne('Person', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  @Index('calendar_feed_token_unique', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
