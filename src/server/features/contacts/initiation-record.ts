import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { logAccess } from '../../platform/access-log.js';
import { tx } from '../../platform/tx.js';

/**
 * "Merkintä asian vireilletulosta" (record of the initiation of a social welfare matter), shaped
 * for the client information system to take in. Reading it is access-logged (export or print).
 */
export const initiationRecordSchema = z.object({
  recordType: z.literal('merkinta_asian_vireilletulosta'),
  id: z.string().uuid(),
  contactReference: z.string(),
  initiatedOn: z.string(),
  channel: z.string(),
  client: z.object({ name: z.string().nullable(), hetu: z.string().nullable(), birthDate: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }),
  concerns: z.string(),
  /** null: a notification’s matter (SHL 35 §, LsL 25 §) not yet routed to a unit */
  receivingUnit: z.object({ code: z.string(), name: z.string() }).nullable(),
  urgent: z.boolean(),
  highestCareAllowance: z.boolean(),
  ageAtInitiation: z.number().nullable(),
  contactReceivedOn: z.string().describe('The day the person or the notifier contacted the county: the statutory clock counts from it (or from an earlier initiation day)'),
  legalBasis: z.string().describe('The act behind assessmentStartBy (e.g. "SHL 1301/2014 36 §", "LsL 417/2007 26 §")'),
  legalBasisCode: z.enum(['shl_36', 'lsl_26', 'thl_51']).nullable(),
  assessmentStartBy: z.string().nullable().describe('The statutory date: SHL 36 § the assessment starts, LsL 26 § the decision on an investigation; null: without delay, no fixed day'),
  consents: z.array(z.object({ purpose: z.string(), target: z.string(), method: z.string(), givenAt: z.string() })),
  recordedBy: z.string(),
  recordedAt: z.string(),
}).meta({ id: 'InitiationRecord' });

export type InitiationRecord = z.infer<typeof initiationRecordSchema>;

export async function initiationRecord(db: Kysely<DB>, user: SessionUser, contactId: string, initiationId: string, action: 'export' | 'print'): Promise<InitiationRecord> {
  return tx(db, async (trx) => {
    const row = await trx.selectFrom('initiation as i')
      .innerJoin('contact as c', 'c.id', 'i.contact_id')
      .leftJoin('receiving_unit as ru', 'ru.id', 'i.receiving_unit_id')
      .leftJoin('app_user as u', 'u.id', 'i.recorded_by_user_id')
      .select(['i.id', 'i.initiated_on', 'i.concerns', 'i.urgent', 'i.highest_care_allowance', 'i.age_at_initiation', 'i.legal_deadline', 'i.legal_basis', 'i.created_at', 'c.received_on',
        'c.reference', 'c.channel', 'c.person_name', 'c.person_hetu', 'c.person_birth_date', 'c.person_phone', 'c.person_address',
        'ru.code as unit_code', 'ru.name_fi as unit_name', 'u.display_name'])
      .where('i.id', '=', initiationId).where('i.contact_id', '=', contactId).where('c.county_id', '=', user.countyId)
      .executeTakeFirst();
    if (!row) throw new AppError(404, 'not_found');
    const consents = await trx.selectFrom('consent').select(['purpose', 'target', 'method', 'given_at']).where('contact_id', '=', contactId).where('withdrawn_at', 'is', null).execute();
    await logAccess(trx, { actor: user, subjectType: 'contact', subjectId: contactId, action, purpose: 'initiation_record' });
    return {
      recordType: 'merkinta_asian_vireilletulosta' as const,
      id: row.id, contactReference: row.reference, initiatedOn: row.initiated_on, channel: row.channel,
      client: { name: row.person_name, hetu: row.person_hetu, birthDate: row.person_birth_date, phone: row.person_phone, address: row.person_address },
      concerns: row.concerns, receivingUnit: row.unit_code && row.unit_name ? { code: row.unit_code, name: row.unit_name } : null, urgent: row.urgent, highestCareAllowance: row.highest_care_allowance,
      ageAtInitiation: row.age_at_initiation, contactReceivedOn: row.received_on,
      legalBasis: LEGAL_BASIS_TEXT[row.legal_basis ?? 'none'], legalBasisCode: row.legal_basis, assessmentStartBy: row.legal_deadline,
      consents: consents.map((c) => ({ purpose: c.purpose, target: c.target, method: c.method, givenAt: c.given_at.toISOString() })),
      recordedBy: row.display_name ?? '', recordedAt: row.created_at.toISOString(),
    };
  });
}

/** The act behind the record's own deadline (no deadline: SHL 36 § "without delay"). */
const LEGAL_BASIS_TEXT: Record<'shl_36' | 'lsl_26' | 'thl_51' | 'none', string> = {
  shl_36: 'SHL 1301/2014 36 §', lsl_26: 'LsL 417/2007 26 §', thl_51: 'THL 1326/2010 51 §', none: 'SHL 1301/2014 36 § (viipymättä)',
};

const esc = (s: unknown) => String(s ?? '–').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const fiDate = (iso: string | null) => (iso ? iso.slice(0, 10).split('-').reverse().map(Number).join('.') : '–');

export function initiationRecordHtml(r: InitiationRecord): string {
  const rows: [string, string][] = [
    ['Asiakas', `${esc(r.client.name)}${r.client.hetu ? `, ${esc(r.client.hetu)}` : ''}`],
    ['Yhteystiedot', `${esc(r.client.phone)}${r.client.address ? `, ${esc(r.client.address)}` : ''}`],
    ['Yhteydenottopäivä', fiDate(r.contactReceivedOn)],
    ['Vireilletulopäivä', fiDate(r.initiatedOn)],
    ['Yhteydenottotapa', esc(r.channel)],
    ['Mitä asia koskee', esc(r.concerns)],
    ['Vastaanottava yksikkö', r.receivingUnit ? esc(r.receivingUnit.name) : 'ei vielä ohjattu'],
    ['Kiireellinen', r.urgent ? 'Kyllä' : 'Ei'],
    [r.legalBasisCode === 'lsl_26' ? 'Päätös selvityksen aloittamisesta viimeistään' : 'Palvelutarpeen arviointi aloitettava viimeistään',
      `${r.assessmentStartBy ? fiDate(r.assessmentStartBy) : 'viipymättä'} (${esc(r.legalBasis)})`],
    ['Suostumukset', r.consents.map((c) => `${esc(c.purpose)}: ${esc(c.target)} (${esc(c.method)}, ${fiDate(c.givenAt)})`).join('<br>') || '–'],
    ['Kirjaaja', `${esc(r.recordedBy)}, ${fiDate(r.recordedAt)}`],
    ['Viite', esc(r.contactReference)],
  ];
  return `<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>Merkintä asian vireilletulosta ${esc(r.contactReference)}</title>
<style>body{font-family:'Source Sans 3',Arial,sans-serif;max-width:720px;margin:2em auto;color:#000}th{text-align:left;vertical-align:top;padding:4px 12px 4px 0;width:40%}td{padding:4px 0}@media print{body{margin:0}}</style></head>
<body><h1>Merkintä asian vireilletulosta</h1><p>${esc(r.legalBasis)}</p><table>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</table></body></html>`;
}
