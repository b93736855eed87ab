import type { DataSource } from 'typeorm';

export async function seedDemo(_dataSource: DataSource): Promise<Record<string, number>> {
  return {};
}
