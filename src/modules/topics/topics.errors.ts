import { defineError } from '../../common/errors/define-error';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { message, type Text } from '../../common/i18n/messages';

export enum TopicsErrorCode {
  TopicNotFound = 'topic_not_found',
  TopicTitleTaken = 'topic_title_taken',
  TopicInUse = 'topic_in_use',
  TopicRuleBroken = 'topic_rule_broken',
}

export class TopicsError extends DomainError {}

export const topicNotFound = defineError(
  TopicsErrorCode.TopicNotFound,
  404,
  () => message('topics.errors.topicNotFound'),
  TopicsError,
);

export const topicTitleTaken = defineError(
  TopicsErrorCode.TopicTitleTaken,
  409,
  () => ({
    detail: message('topics.errors.topicTitleTaken'),
    fields: [{ field: 'title', message: message('topics.errors.alreadyRegistered') }],
  }),
  TopicsError,
);

export const topicInUse = defineError(
  TopicsErrorCode.TopicInUse,
  409,
  () => message('topics.errors.topicInUse'),
  TopicsError,
);

export const topicRuleBroken = defineError(
  TopicsErrorCode.TopicRuleBroken,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  TopicsError,
);
