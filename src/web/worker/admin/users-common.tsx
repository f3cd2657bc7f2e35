import { useTranslation } from 'react-i18next';
import type { ADMIN_ROLES, AdminOrganisation } from '../../../server/features/administration/administration.schemas';
import type { Lang } from '../../lib/i18n';
import { CheckboxGroup } from '../../lib/fields';

export type AdminRole = (typeof ADMIN_ROLES)[number];
/** The roles a county's administrator may give, in the order the form shows them (the contract's ADMIN_ROLES; typed against it, kept here so zod stays out of the bundle). */
export const ROLE_CHOICES = ['guidance_worker', 'supervisor', 'unit_worker', 'ed_professional', 'catalogue_editor', 'admin'] as const satisfies readonly AdminRole[];

export const MIN_PASSWORD = 12;

/** The role and unit checkboxes of the create and edit forms; units are the active receiving units (and any the user already has). */
export function RolesAndUnits({ idPrefix, roles, units, onRoles, onUnits, org, errors, current = [] }: {
  idPrefix: string; roles: string[]; units: string[]; onRoles: (v: string[]) => void; onUnits: (v: string[]) => void;
  org: AdminOrganisation | undefined; errors: Record<string, string | undefined>; current?: string[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const unitOptions = (org?.units ?? []).filter((u) => u.active || current.includes(u.code)).map((u) => ({ value: u.code, label: u.name[lang] || u.name.fi }));
  return (
    <>
      <CheckboxGroup id={`${idPrefix}-roles`} legend={t('admin.users.roles')} values={roles} onChange={onRoles} error={errors.roles}
        options={ROLE_CHOICES.map((r) => ({ value: r, label: t(`worker.roleNames.${r}`) }))} />
      <CheckboxGroup id={`${idPrefix}-units`} legend={roles.includes('unit_worker') ? t('admin.users.unitsRequired') : t('admin.users.units')} values={units} onChange={onUnits}
        error={errors.units} options={unitOptions} />
    </>
  );
}

/** Local checks of roles and units: at least one role; a unit worker belongs to at least one unit. */
export function roleProblems(roles: string[], units: string[], t: (k: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  if (roles.length === 0) out.roles = t('admin.users.errors.roles');
  if (roles.includes('unit_worker') && units.length === 0) out.units = t('admin.users.errors.units');
  return out;
}

/** The unit names of a user, in the UI language. */
export function unitNames(codes: string[], org: AdminOrganisation | undefined, lang: Lang): string {
  return codes.map((c) => { const u = org?.units.find((x) => x.code === c); return u ? (u.name[lang] || u.name.fi) : c; }).join(', ');
}
