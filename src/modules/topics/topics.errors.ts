import { DomainError } from '../../common/errors/domain-error';
import { text } from '../../common/i18n/text';

export enum TopicsErrorCode {
  TopicNotFound = 'topic_not_found',
  TopicTitleTaken = 'topic_title_taken',
  TopicInUse = 'topic_in_use',
  TopicRuleBroken = 'topic_rule_broken',
}

export class TopicsError extends DomainError {}

export const topicNotFound = () =>
  TopicsError.notFound(TopicsErrorCode.TopicNotFound, text('El tema no existe.', 'The topic does not exist.'));

export const topicTitleTaken = () =>
  new TopicsError(
    TopicsErrorCode.TopicTitleTaken,
    409,
    text('Ya existe un tema con ese título.', 'A topic with that title already exists.'),
    [{ field: 'title', message: text('Ya está registrado.', 'Is already registered.') }],
  );

export const topicInUse = () =>
  new TopicsError(
    TopicsErrorCode.TopicInUse,
    409,
    text(
      'El tema ya tiene seminarios; desactívelo en lugar de borrarlo.',
      'The topic has seminars; deactivate it instead of deleting it.',
    ),
  );
