import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { FormItem, FormKind, Label } from './forms/form-items';

/**
 * An evaluation form: a daily session evaluation, a final seminar evaluation or a diagnostic test.
 * Its questions live in versions; a version that has answers is never changed, a new one is made.
 */
@Entity('evaluation_form')
@Check('evaluation_form_kind_known', `kind IN ('daily','final','diagnostic')`)
@Check('evaluation_form_default_kind', `NOT is_default OR kind IN ('daily','final')`)
// At most one default form per kind: the one topics use unless they choose another.
@Index('evaluation_form_default_unique', ['kind'], { unique: true, where: 'is_default' })
export class EvaluationForm {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: FormKind;

  /** The latest version, the one new answers use. */
  @Column({ type: 'int', default: 1 })
  currentVersion: number;

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The questions of a form as they stood at one version. */
@Entity('evaluation_form_version')
@Unique('evaluation_form_version_unique', ['formId', 'version'])
export class EvaluationFormVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  formId: string;

  @ManyToOne(() => EvaluationForm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'form_id' })
  form?: EvaluationForm;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  title: Label;

  @Column({ type: 'jsonb' })
  items: FormItem[];

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A topic's choice of form for one kind. No row: the default form of the kind (none for the
 * diagnostic test); a row without a form: that evaluation is not asked for the topic.
 */
@Entity('topic_evaluation_form')
@Check('topic_evaluation_form_kind_known', `kind IN ('daily','final','diagnostic')`)
export class TopicEvaluationForm {
  @PrimaryColumn({ type: 'uuid' })
  topicId: string;

  @ManyToOne('Topic', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'topic_id' })
  topic?: unknown;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind: FormKind;

  @Index('topic_evaluation_form_form_idx')
  @Column({ type: 'uuid', nullable: true })
  formId: string | null;

  @ManyToOne(() => EvaluationForm, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'form_id' })
  form?: EvaluationForm | null;
}
