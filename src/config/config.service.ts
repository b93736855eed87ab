import { Injectable } from '@nestjs/common';
import type { AppConfig } from './configuration';

/** The one way application code reads configuration. */
@Injectable()
export class ConfigService {
  constructor(readonly values: AppConfig) {}

  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    return this.values[key];
  }
}
