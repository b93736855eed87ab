import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The number of people, kept exact by the statements that add or remove them, so that the
 * directory's unfiltered list does not count every person for each page. A table's count is the
 * sum of a few slots; each backend adds to its own, so concurrent imports and creations do not
 * wait for one another on one row. Read in the same statement as the rows, it agrees with them.
 */
export class PersonRowCount1796320297052 implements MigrationInterface {
  name = 'PersonRowCount1796320297052';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "row_count" ("table_name" text NOT NULL, "slot" smallint NOT NULL, "rows" bigint NOT NULL, CONSTRAINT "PK_row_count" PRIMARY KEY ("table_name", "slot"))',
    );
    await queryRunner.query(`
      CREATE FUNCTION count_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta bigint;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM row_count WHERE table_name = TG_TABLE_NAME;
          RETURN NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
          SELECT count(*) INTO delta FROM added;
        ELSE
          SELECT -count(*) INTO delta FROM removed;
        END IF;
        IF delta <> 0 THEN
          INSERT INTO row_count (table_name, slot, rows) VALUES (TG_TABLE_NAME, pg_backend_pid() % 8, delta)
          ON CONFLICT (table_name, slot) DO UPDATE SET rows = row_count.rows + EXCLUDED.rows;
        END IF;
        RETURN NULL;
      END $$`);
    // Creating the triggers locks out writers until this migration commits, so the first count
    // below misses no person and counts none twice.
    await queryRunner.query(
      'CREATE TRIGGER person_counted_insert AFTER INSERT ON person REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_rows()',
    );
    await queryRunner.query(
      'CREATE TRIGGER person_counted_delete AFTER DELETE ON person REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_rows()',
    );
    await queryRunner.query(
      'CREATE TRIGGER person_counted_truncate AFTER TRUNCATE ON person FOR EACH STATEMENT EXECUTE FUNCTION count_rows()',
    );
    await queryRunner.query(`INSERT INTO row_count (table_name, slot, rows) SELECT 'person', 0, count(*) FROM person`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER person_counted_truncate ON person');
    await queryRunner.query('DROP TRIGGER person_counted_delete ON person');
    await queryRunner.query('DROP TRIGGER person_counted_insert ON person');
    await queryRunner.query('DROP FUNCTION count_rows()');
    await queryRunner.query('DROP TABLE "row_count"');
  }
}
