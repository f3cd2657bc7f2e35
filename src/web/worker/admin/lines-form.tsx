import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Checkbox, SelectField, TextField } from '../../lib/fields';
import type { Lang } from '../../lib/i18n';
import type { AdminLine } from '../../../server/features/administration/administration.schemas';
import { labelOf, useAdminCodes, useAdminOrganisation } from './lines-api';

/** A line's details as typed in the form (the new line's and the edited line's). */
export interface LineDraft {
  code: string; phoneNumber: string; menuNumber: string; serviceArea: string; region: string; authorityOnly: boolean;
  nameFi: string; nameSv: string; nameEn: string;
}

export const emptyLineDraft = (): LineDraft => ({ code: '', phoneNumber: '', menuNumber: '', serviceArea: '', region: '', authorityOnly: false, nameFi: '', nameSv: '', nameEn: '' });
export const lineDraft = (l: AdminLine): LineDraft => ({
  code: l.code, phoneNumber: l.phoneNumber, menuNumber: l.menuNumber === null ? '' : String(l.menuNumber), serviceArea: l.serviceArea ?? '',
  region: l.region ?? '', authorityOnly: l.authorityOnly, nameFi: l.name.fi, nameSv: l.name.sv, nameEn: l.name.en,
});

/** The form's checks before it is sent; the server checks again and its field errors are shown the same way. */
export function checkLineDraft(d: LineDraft, t: (key: string) => string, withCode: boolean): { problems: Record<string, string>; body: Omit<LineDraft, 'menuNumber' | 'nameFi' | 'nameSv' | 'nameEn' | 'serviceArea' | 'region'> & { menuNumber: number | null; serviceArea: string | null; region: string | null; name: { fi: string; sv: string; en: string } } } {
  const problems: Record<string, string> = {};
  const menu = d.menuNumber.trim();
  if (menu !== '' && !/^[0-9]$/.test(menu)) problems.menuNumber = t('admin.lines.errors.menuNumber');
  if (withCode && !d.code.trim()) problems.code = t('admin.lines.errors.required');
  if (!d.phoneNumber.trim()) problems.phoneNumber = t('admin.lines.errors.required');
  if (!d.nameFi.trim()) problems['name.fi'] = t('admin.lines.errors.required');
  if (!d.nameSv.trim()) problems['name.sv'] = t('admin.lines.errors.required');
  if (!d.nameEn.trim()) problems['name.en'] = t('admin.lines.errors.required');
  return {
    problems,
    body: {
      code: d.code.trim(), phoneNumber: d.phoneNumber.trim(), menuNumber: menu === '' ? null : Number(menu), serviceArea: d.serviceArea || null, region: d.region || null,
      authorityOnly: d.authorityOnly, name: { fi: d.nameFi.trim(), sv: d.nameSv.trim(), en: d.nameEn.trim() },
    },
  };
}

/** The fields' ids and labels by error key, for the error summary. */
export function lineFieldNames(prefix: string, t: (key: string) => string, withCode: boolean): Record<string, { id: string; label: string }> {
  return {
    ...(withCode ? { code: { id: `${prefix}-code`, label: t('admin.lines.fields.code') } } : {}),
    phoneNumber: { id: `${prefix}-phone`, label: t('admin.lines.fields.phoneNumber') },
    menuNumber: { id: `${prefix}-menu`, label: t('admin.lines.fields.menuNumber') },
    serviceArea: { id: `${prefix}-area`, label: t('admin.lines.fields.serviceArea') },
    region: { id: `${prefix}-region`, label: t('admin.lines.fields.region') },
    authorityOnly: { id: `${prefix}-authority`, label: t('admin.lines.fields.authorityOnly') },
    'name.fi': { id: `${prefix}-name-fi`, label: t('admin.lines.fields.nameFi') },
    'name.sv': { id: `${prefix}-name-sv`, label: t('admin.lines.fields.nameSv') },
    'name.en': { id: `${prefix}-name-en`, label: t('admin.lines.fields.nameEn') },
  };
}

export function LineFields({ prefix, draft, onChange, errors, withCode }: {
  prefix: string; draft: LineDraft; onChange: (next: Partial<LineDraft>) => void; errors: Record<string, string>; withCode: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const codes = useAdminCodes();
  const org = useAdminOrganisation();
  // active service areas, and the line's own even if it has since been retired
  const areas = (codes.data?.items ?? []).filter((c) => c.set === 'service_area' && (c.active || c.code === draft.serviceArea));
  return (
    <>
      <div className="form-grid">
        {withCode && (
          <TextField id={`${prefix}-code`} label={t('admin.lines.fields.code')} hint={t('admin.lines.fields.codeHint')} value={draft.code} maxLength={60}
            onChange={(v) => onChange({ code: v })} error={errors.code} required />
        )}
        <TextField id={`${prefix}-phone`} label={t('admin.lines.fields.phoneNumber')} hint={t('admin.lines.fields.phoneNumberHint')} value={draft.phoneNumber} maxLength={20}
          inputMode="tel" onChange={(v) => onChange({ phoneNumber: v })} error={errors.phoneNumber} required />
        <TextField id={`${prefix}-menu`} label={t('admin.lines.fields.menuNumber')} hint={t('admin.lines.fields.menuNumberHint')} value={draft.menuNumber} maxLength={1}
          inputMode="numeric" onChange={(v) => onChange({ menuNumber: v })} error={errors.menuNumber} />
        <SelectField id={`${prefix}-area`} label={t('admin.lines.fields.serviceArea')} value={draft.serviceArea} onChange={(v) => onChange({ serviceArea: v })}
          empty={t('admin.lines.fields.noServiceArea')} options={areas.map((c) => ({ value: c.code, label: labelOf(c.label, lang) }))} error={errors.serviceArea} />
        <SelectField id={`${prefix}-region`} label={t('admin.lines.fields.region')} value={draft.region} onChange={(v) => onChange({ region: v })}
          empty={t('admin.lines.fields.noRegion')} options={(org.data?.regions ?? []).map((r) => ({ value: r.code, label: labelOf(r.name, lang) }))} error={errors.region} />
      </div>
      <Checkbox id={`${prefix}-authority`} label={t('admin.lines.fields.authorityOnly')} checked={draft.authorityOnly} onChange={(v) => onChange({ authorityOnly: v })} error={errors.authorityOnly} />
      <div className="form-grid">
        <TextField id={`${prefix}-name-fi`} label={t('admin.lines.fields.nameFi')} value={draft.nameFi} maxLength={200} onChange={(v) => onChange({ nameFi: v })} error={errors['name.fi']} required />
        <TextField id={`${prefix}-name-sv`} label={t('admin.lines.fields.nameSv')} value={draft.nameSv} maxLength={200} onChange={(v) => onChange({ nameSv: v })} error={errors['name.sv']} required />
        <TextField id={`${prefix}-name-en`} label={t('admin.lines.fields.nameEn')} value={draft.nameEn} maxLength={200} onChange={(v) => onChange({ nameEn: v })} error={errors['name.en']} required />
      </div>
    </>
  );
}

/** "Auki nyt" / "Suljettu nyt · Avautuu perjantaina 27.11. klo 09:00", as the public site says it. */
export function lineStateText(line: Pick<AdminLine, 'openNow' | 'nextOpening' | 'active'>, t: TFunction, formatDay: (d: string) => string): string {
  if (!line.active) return t('admin.lines.inactive');
  if (line.openNow) return t('admin.lines.openNow');
  return `${t('admin.lines.closedNow')} · ${line.nextOpening ? t('admin.lines.opensNext', { date: formatDay(line.nextOpening.date), time: line.nextOpening.opens }) : t('admin.lines.noOpening')}`;
}
