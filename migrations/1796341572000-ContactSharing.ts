import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each person shares with the people of their seminars, channel by channel (nothing until
 * they choose), and the mobile and WhatsApp numbers only this sharing needs.
 */
export class ContactSharing1796341572000 implements MigrationInterface {
  name = 'ContactSharing1796341572000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "contact_sharing" ("person_id" uuid NOT NULL, "mobile" character varying(16), "whatsapp" character varying(16), "share_work_phone" boolean NOT NULL DEFAULT false, "share_mobile" boolean NOT NULL DEFAULT false, "share_whatsapp" boolean NOT NULL DEFAULT false, "share_email" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contact_sharing_whatsapp_has_number" CHECK (NOT share_whatsapp OR whatsapp IS NOT NULL), CONSTRAINT "contact_sharing_mobile_has_number" CHECK (NOT share_mobile OR mobile IS NOT NULL), CONSTRAINT "PK_b72e7f2ac89ece5e871789d0aa0" PRIMARY KEY ("person_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "contact_sharing" ADD CONSTRAINT "FK_b72e7f2ac89ece5e871789d0aa0" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "contact_sharing" DROP CONSTRAINT "FK_b72e7f2ac89ece5e871789d0aa0"');
    await queryRunner.query('DROP TABLE "contact_sharing"');
  }
}
