import { sql, type Kysely } from 'kysely';

/**
 * A receiving unit's working language (issue 19, follow-up): the reminders Opastin e-mails to the
 * unit's shared mailbox go in it. A bilingual county has Swedish-speaking units (kielilaki 6 §,
 * 32 §: a bilingual authority serves in both languages), and a Swedish-speaking unit's reminder in
 * Finnish is one more thing to translate on a late referral. fi, sv or en; existing units Finnish.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table receiving_unit add column language text not null default 'fi'
      constraint receiving_unit_language check (language in ('fi', 'sv', 'en'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table receiving_unit drop column language`.execute(db);
}
