import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The current instant. Rules that depend on today (a start date in the past, starting a seminar
 * before its first day) ask the clock, so tests can set the day they need.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
