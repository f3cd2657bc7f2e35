import { useRef, useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { ApiError, problemMessage } from '../../lib/api';
import { ErrorSummary, Notice, summaryEntries, TextField } from '../../lib/fields';
import type { Lang } from '../../lib/i18n';
import type { AdminCode } from '../../../server/features/administration/administration.schemas';
import { AdminNav } from './AdminNav';
import { CODE_SETS, CODES_KEY, EXTENSIBLE_SETS, labelOf, useAdminCodes, useAdminWrite } from './lines-api';
import { ensureLinesMessages } from './messages-lines';
import './admin.css';

type CodeSet = AdminCode['set'];
interface Labels { fi: string; sv: string; en: string }

/** The three labels of a code, with their errors (`label.fi` …). */
function LabelFields({ prefix, labels, onChange, errors }: { prefix: string; labels: Labels; onChange: (l: Labels) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      <TextField id={`${prefix}-fi`} label={t('admin.codes.labelFi')} value={labels.fi} maxLength={200} onChange={(v) => onChange({ ...labels, fi: v })} error={errors['label.fi']} required />
      <TextField id={`${prefix}-sv`} label={t('admin.codes.labelSv')} value={labels.sv} maxLength={200} onChange={(v) => onChange({ ...labels, sv: v })} error={errors['label.sv']} required />
      <TextField id={`${prefix}-en`} label={t('admin.codes.labelEn')} value={labels.en} maxLength={200} onChange={(v) => onChange({ ...labels, en: v })} error={errors['label.en']} required />
    </div>
  );
}

function missingLabels(l: Labels, t: (k: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['fi', 'sv', 'en'] as const) if (!l[k].trim()) out[`label.${k}`] = t('admin.lines.errors.required');
  return out;
}
const trimmed = (l: Labels): Labels => ({ fi: l.fi.trim(), sv: l.sv.trim(), en: l.en.trim() });
const labelNames = (prefix: string, t: (k: string) => string) => ({
  'label.fi': { id: `${prefix}-fi`, label: t('admin.codes.labelFi') },
  'label.sv': { id: `${prefix}-sv`, label: t('admin.codes.labelSv') },
  'label.en': { id: `${prefix}-en`, label: t('admin.codes.labelEn') },
});

/** Renaming one code: its three labels (PATCH). */
function RenameForm({ code, onDone, onCancel }: { code: AdminCode; onDone: (c: AdminCode) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [labels, setLabels] = useState<Labels>(code.label);
  const [local, setLocal] = useState<Record<string, string>>({});
  const patch = useAdminWrite<unknown, AdminCode>('PATCH', [CODES_KEY, ['codes']]);
  const prefix = `rename-${code.set}-${code.code}`;
  const errors = { ...patch.errors, ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = missingLabels(labels, t);
    setLocal(problems);
    if (Object.keys(problems).length) return;
    patch.run(`/api/admin/codes/${code.set}/${code.code}`, { label: trimmed(labels) }).then(onDone, () => undefined);
  };
  return (
    <form onSubmit={submit} noValidate className="panel code-form" aria-labelledby={`${prefix}-title`} data-qa="code-rename-form">
      <Heading variant="h3" id={`${prefix}-title`}>{t('admin.codes.editTitle', { code: code.code })}</Heading>
      <ErrorSummary title={t('admin.codes.errorsTitle')} errors={summaryEntries(errors, labelNames(prefix, t), `${prefix}-fi`)} qa="code-rename-errors" />
      <LabelFields prefix={prefix} labels={labels} onChange={(l) => { setLocal({}); setLabels(l); }} errors={errors} />
      {patch.error && Object.keys(patch.errors).length === 0 && <Notice kind="error" qa="code-rename-failed">{problemMessage(patch.error, t('admin.codes.errorsTitle'))}</Notice>}
      <div className="actions">
        <Button type="submit" disabled={patch.busy} data-qa="code-rename-save">{t('admin.codes.save')}</Button>
        <Button variant="secondary" onClick={onCancel} data-qa="code-rename-cancel">{t('admin.codes.cancel')}</Button>
      </div>
    </form>
  );
}

/** A new code in an extensible set: its code and three labels (POST); a code already there is said at the code field. */
function AddForm({ set, setName, onDone, onCancel }: { set: CodeSet; setName: string; onDone: (c: AdminCode) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [labels, setLabels] = useState<Labels>({ fi: '', sv: '', en: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useAdminWrite<unknown, AdminCode>('POST', [CODES_KEY, ['codes']]);
  const prefix = `new-code-${set}`;
  const inUse = create.error instanceof ApiError && (create.error.problem.errors ?? []).some((e) => e.code === 'code_in_use');
  const errors: Record<string, string> = { ...create.errors, ...(inUse ? { code: t('admin.codes.inUse') } : {}), ...local };
  const names = { code: { id: `${prefix}-code`, label: t('admin.codes.code') }, ...labelNames(prefix, t) };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = missingLabels(labels, t);
    if (!code.trim()) problems.code = t('admin.lines.errors.required');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    create.run('/api/admin/codes', { set, code: code.trim(), label: trimmed(labels) }).then(onDone, () => undefined);
  };
  return (
    <form onSubmit={submit} noValidate className="panel code-form" aria-labelledby={`${prefix}-title`} data-qa={`code-add-form-${set}`}>
      <Heading variant="h3" id={`${prefix}-title`}>{t('admin.codes.addTitle', { set: setName })}</Heading>
      <ErrorSummary title={t('admin.codes.errorsTitle')} errors={summaryEntries(errors, names, `${prefix}-code`)} qa="code-add-errors" />
      <TextField id={`${prefix}-code`} qa="code-add-code" label={t('admin.codes.code')} hint={t('admin.codes.codeHint')} value={code} maxLength={60}
        onChange={(v) => { setLocal({}); create.reset(); setCode(v); }} error={errors.code} required />
      <LabelFields prefix={prefix} labels={labels} onChange={(l) => { setLocal({}); setLabels(l); }} errors={errors} />
      {create.error && !inUse && Object.keys(create.errors).length === 0 && <Notice kind="error" qa="code-add-failed">{problemMessage(create.error, t('admin.codes.errorsTitle'))}</Notice>}
      <div className="actions">
        <Button type="submit" disabled={create.busy} data-qa="code-add-save">{t('admin.codes.add')}</Button>
        <Button variant="secondary" onClick={onCancel} data-qa="code-add-cancel">{t('admin.codes.cancel')}</Button>
      </div>
    </form>
  );
}

/** One code set: its codes (labels, state, what uses them), rename, retire or restore; a new code in the sets that take them. */
function CodeSetSection({ set, codes }: { set: CodeSet; codes: AdminCode[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const setName = t(`admin.codes.sets.${set}`);
  const extensible = EXTENSIBLE_SETS.includes(set);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const toggle = useAdminWrite<unknown, AdminCode>('PATCH', [CODES_KEY, ['codes']]);
  const show = (s: { kind: 'success' | 'error'; text: string } | null) => { setStatus(s); if (s) window.setTimeout(() => statusRef.current?.focus(), 0); };
  const usedByText = (usedBy: string[]) => usedBy.map((u) => {
    const [kind, key] = u.includes(':') ? [u.slice(0, u.indexOf(':')), u.slice(u.indexOf(':') + 1)] : ['other', u];
    return t(`admin.codes.usedBy.${kind === 'line' || kind === 'unit' ? kind : 'other'}`, { key: kind === 'line' || kind === 'unit' ? key : u });
  }).join(', ');
  const setActive = (c: AdminCode, active: boolean) => {
    const label = labelOf(c.label, lang);
    show(null);
    toggle.run(`/api/admin/codes/${c.set}/${c.code}`, { active }).then(
      () => show({ kind: 'success', text: active ? t('admin.codes.restoredDone', { label }) : t('admin.codes.retiredDone', { label }) }),
      (err: unknown) => {
        const required = err instanceof ApiError && (err.problem.code === 'code_required' || (err.problem.errors ?? []).some((e) => e.code === 'code_required'));
        if (required) {
          const usedBy = c.usedBy;
          show({ kind: 'error', text: usedBy.length ? t('admin.codes.required', { label, usedBy: usedByText(usedBy) }) : t('admin.codes.requiredBuiltIn', { label }) });
        } else show({ kind: 'error', text: problemMessage(err, t('admin.codes.errorsTitle')) });
      },
    );
  };
  const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);
  const sorted = [...codes].sort((a, b) => Number(b.active) - Number(a.active) || a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const renamed = sorted.find((c) => c.code === renaming) ?? null;

  return (
    <section className="panel" aria-labelledby={`codes-${set}-title`} data-qa={`code-set-${set}`}>
      <Heading variant="h2" id={`codes-${set}-title`}>{setName}</Heading>
      {!extensible && <p className="hint">{t('admin.codes.renameOnly')}</p>}
      <div ref={statusRef} tabIndex={-1}>{status && <Notice kind={status.kind} qa={`code-status-${set}`}>{status.text}</Notice>}</div>
      <div className="admin-scroll" role="region" aria-label={t('admin.codes.caption', { set: setName })} tabIndex={0}>
        <table className="data codes-table">
          <caption className="visually-hidden">{t('admin.codes.caption', { set: setName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.codes.cols.code')}</th>
              <th scope="col">{t('admin.codes.cols.fi')}</th>
              <th scope="col">{t('admin.codes.cols.sv')}</th>
              <th scope="col">{t('admin.codes.cols.en')}</th>
              <th scope="col">{t('admin.codes.cols.state')}</th>
              <th scope="col">{t('admin.codes.cols.usedBy')}</th>
              <th scope="col">{t('admin.codes.cols.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => {
              const label = labelOf(c.label, lang);
              return (
                <tr key={c.code} data-qa={`code-row-${c.set}-${c.code}`} data-active={c.active} className={c.active ? undefined : 'retired'}>
                  <th scope="row"><code>{c.code}</code></th>
                  <td lang="fi" data-qa="code-label-fi">{c.label.fi}</td>
                  <td lang="sv" data-qa="code-label-sv">{c.label.sv}</td>
                  <td lang="en" data-qa="code-label-en">{c.label.en}</td>
                  <td data-qa="code-state">
                    {c.active ? t('admin.codes.active') : <strong className="retired-mark">{t('admin.codes.retired')}</strong>}
                    {c.builtIn && <><br /><span className="hint">{t('admin.codes.builtIn')}</span></>}
                  </td>
                  <td data-qa="code-used-by">{c.usedBy.length ? usedByText(c.usedBy) : '–'}</td>
                  <td className="actions-cell">
                    <button type="button" className="link" id={`code-rename-${c.set}-${c.code}`} data-qa="code-rename" aria-expanded={renaming === c.code}
                      aria-label={`${t('admin.codes.rename')}: ${label}`} onClick={() => { show(null); setRenaming(renaming === c.code ? null : c.code); }}>
                      {t('admin.codes.rename')}
                    </button>
                    {(!c.active || !c.builtIn) && ' · '}
                    {c.active
                      ? !c.builtIn && <button type="button" className="link" data-qa="code-retire" disabled={toggle.busy} aria-label={`${t('admin.codes.retire')}: ${label}`} onClick={() => setActive(c, false)}>{t('admin.codes.retire')}</button>
                      : <button type="button" className="link" data-qa="code-restore" disabled={toggle.busy} aria-label={`${t('admin.codes.restore')}: ${label}`} onClick={() => setActive(c, true)}>{t('admin.codes.restore')}</button>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {renamed && (
        <RenameForm key={renamed.code} code={renamed}
          onCancel={() => { setRenaming(null); focusLater(`code-rename-${set}-${renamed.code}`); }}
          onDone={(c) => { setRenaming(null); show({ kind: 'success', text: t('admin.codes.renamedDone', { label: labelOf(c.label, lang) }) }); }} />
      )}
      {extensible && (adding
        ? (
          <AddForm set={set} setName={setName}
            onCancel={() => { setAdding(false); focusLater(`code-add-${set}`); }}
            onDone={(c) => { setAdding(false); show({ kind: 'success', text: t('admin.codes.addedDone', { label: labelOf(c.label, lang) }) }); }} />
        )
        : <Button variant="secondary" id={`code-add-${set}`} data-qa={`code-add-${set}`} onClick={() => { show(null); setAdding(true); }}>{t('admin.codes.addOpen', { set: setName })}</Button>)}
    </section>
  );
}

/**
 * The county's code sets (issue 18): each code with its labels in three languages, in use or
 * retired, built in or the county's own, and what depends on it; rename, retire or restore, and
 * a new code in the sets that take them. A retired code stays readable on old contacts.
 */
export function CodesPage() {
  const { t, i18n } = useTranslation();
  ensureLinesMessages(i18n);
  const codes = useAdminCodes();
  return (
    <section aria-labelledby="codes-title" data-qa="admin-codes-page">
      <AdminNav />
      <Heading variant="h1" id="codes-title">{t('admin.codes.title')}</Heading>
      <p>{t('admin.codes.intro')}</p>
      {codes.isError && <Notice kind="error" qa="codes-failed">{problemMessage(codes.error, t('admin.codes.failed'))}</Notice>}
      {codes.isPending && <p>{t('common.loading')}</p>}
      {codes.data && CODE_SETS.map((set) => <CodeSetSection key={set} set={set} codes={codes.data.items.filter((c) => c.set === set)} />)}
    </section>
  );
}
