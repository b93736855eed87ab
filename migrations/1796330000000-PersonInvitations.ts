import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the office needs to know about a person's account invitation: whether they have chosen a
 * password (kept by a trigger from the hash itself, so no writer can forget it) and when their last
 * invitation, the account-created mail with a link to choose one, was sent.
 */
export class PersonInvitations1796330000000 implements MigrationInterface {
  name = 'PersonInvitations1796330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "person" ADD "has_password" boolean NOT NULL DEFAULT false');
    await queryRunner.query('ALTER TABLE "person" ADD "invited_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(`
      CREATE FUNCTION person_has_password() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.has_password := NEW.password_hash IS NOT NULL;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER person_has_password BEFORE INSERT OR UPDATE ON person FOR EACH ROW EXECUTE FUNCTION person_has_password()',
    );
    await queryRunner.query('UPDATE person SET has_password = password_hash IS NOT NULL');
    // Everyone who has ever been mailed an account-created link got one from a reset token; the
    // newest such token is the best record of when, for the people created before this migration.
    await queryRunner.query(
      `UPDATE person SET invited_at = t.created_at
         FROM (SELECT person_id, max(created_at) AS created_at FROM password_reset_token GROUP BY person_id) t
        WHERE t.person_id = person.id AND person.password_hash IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER person_has_password ON person');
    await queryRunner.query('DROP FUNCTION person_has_password()');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "invited_at"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "has_password"');
  }
}
