import type { AppConfig } from '../app-config';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const ATTENDANCE_SETTINGS = {
  codePeriodMinutes: {
    kind: 'integer',
    name: 'CHECK_IN_CODE_PERIOD_MINUTES',
    default: 10,
    min: 1,
    max: 120,
    description: "How often a seminar day's check-in code changes; the previous code is still taken for a minute.",
  },
  opensMinutesBefore: {
    kind: 'integer',
    name: 'CHECK_IN_OPENS_MINUTES_BEFORE',
    default: 30,
    min: 0,
    max: 240,
    description: 'How long before a seminar day starts its check-in opens; it closes when the day ends.',
  },
  maxWrongCodes: {
    kind: 'integer',
    name: 'CHECK_IN_MAX_WRONG_CODES',
    default: 5,
    min: 1,
    max: 100,
    description: 'Wrong check-in codes a person may type within the window before every try waits.',
  },
  wrongCodeWindowMinutes: {
    kind: 'integer',
    name: 'CHECK_IN_WRONG_CODE_WINDOW_MINUTES',
    default: 10,
    min: 1,
    max: 1440,
    description: 'The window of that limit.',
  },
} as const satisfies SettingGroup;

export const attendanceSection: ConfigSection = {
  title: 'Attendance',
  summary: 'The check-in codes by which attendees record their presence.',
  settings: settingsOf(ATTENDANCE_SETTINGS),
};

export function attendanceConfig(env: Env): AppConfig['attendance'] {
  const attendance = readSettings(env, ATTENDANCE_SETTINGS);
  return {
    checkInCodePeriodSeconds: attendance.codePeriodMinutes * 60,
    checkInOpensMinutesBefore: attendance.opensMinutesBefore,
    checkInMaxWrongCodes: attendance.maxWrongCodes,
    checkInWrongCodeWindowSeconds: attendance.wrongCodeWindowMinutes * 60,
  };
}
