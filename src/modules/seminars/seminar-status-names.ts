/** What each status of a seminar is called, in the sentences people read. */
import { type Text, message } from '../../common/i18n/messages';
import type { SeminarStatus } from './seminar.entity';

const STATUS_NAMES: Record<SeminarStatus, Text> = {
  draft: message('seminars.errors.statusNames.draft'),
  open: message('seminars.errors.statusNames.open'),
  confirmed: message('seminars.errors.statusNames.confirmed'),
  in_progress: message('seminars.errors.statusNames.inProgress'),
  completed: message('seminars.errors.statusNames.completed'),
  closed: message('seminars.errors.statusNames.closed'),
  cancelled: message('seminars.errors.statusNames.cancelled'),
};

export function statusName(status: SeminarStatus): Text {
  return STATUS_NAMES[status];
}
