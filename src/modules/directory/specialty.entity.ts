import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A medical specialty of the catalogue, named in both user languages. */
@Entity('specialty')
export class Specialty {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('specialty_code_unique', { unique: true })
  @Column({ type: 'varchar', length: 48 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  nameEs: string;

  @Column({ type: 'varchar', length: 120 })
  nameEn: string;
}
