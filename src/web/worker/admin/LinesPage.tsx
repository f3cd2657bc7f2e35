import { useRef, useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../lib/api';
import { ErrorSummary, Notice, summaryEntries } from '../../lib/fields';
import { formatDate, type Lang } from '../../lib/i18n';
import { linkProps } from '../../lib/router';
import type { AdminLine } from '../../../server/features/administration/administration.schemas';
import { AdminNav } from './AdminNav';
import { ADMIN_PATHS } from './paths';
import { CODES_KEY, labelOf, LINES_KEY, useAdminCodes, useAdminLines, useAdminOrganisation, useAdminWrite } from './lines-api';
import { checkLineDraft, emptyLineDraft, LineFields, lineFieldNames, lineStateText, type LineDraft } from './lines-form';
import { ensureLinesMessages } from './messages-lines';
import './admin.css';

/** The form for a new line: code, number, menu position, service area, region, authority-only, names. */
function NewLineForm({ onDone, onCancel }: { onDone: (line: AdminLine) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<LineDraft>(emptyLineDraft);
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useAdminWrite<unknown, AdminLine>('POST', [LINES_KEY, CODES_KEY]);
  const errors = { ...create.errors, ...local };
  const fields = lineFieldNames('new-line', t, true);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { problems, body } = checkLineDraft(draft, t, true);
    setLocal(problems);
    if (Object.keys(problems).length) return;
    create.run('/api/admin/lines', body).then(onDone, () => undefined);
  };
  const other = create.error && Object.keys(create.errors).length === 0;
  return (
    <section className="panel" aria-labelledby="new-line-title" data-qa="new-line">
      <Heading variant="h2" id="new-line-title">{t('admin.lines.add.title')}</Heading>
      <form onSubmit={submit} noValidate data-qa="new-line-form">
        <ErrorSummary title={t('admin.lines.add.errorsTitle')} errors={summaryEntries(errors, fields, 'new-line-code')} qa="new-line-errors" />
        <LineFields prefix="new-line" draft={draft} onChange={(next) => { setLocal({}); setDraft({ ...draft, ...next }); }} errors={errors} withCode />
        {other && <Notice kind="error" qa="new-line-failed">{problemMessage(create.error, t('admin.lines.add.errorsTitle'))}</Notice>}
        <div className="actions">
          <Button type="submit" disabled={create.busy} data-qa="new-line-submit">{t('admin.lines.add.submit')}</Button>
          <Button variant="secondary" onClick={onCancel} data-qa="new-line-cancel">{t('admin.lines.add.cancel')}</Button>
        </div>
      </form>
    </section>
  );
}

/**
 * The county's phone lines (issue 18): each with its name in the page's language, number, menu
 * position, region, service area, whether it is for authorities only, whether it is in use, and
 * whether it is open now or when it next opens; a link to each; a form for a new line.
 */
export function LinesPage() {
  const { t, i18n } = useTranslation();
  ensureLinesMessages(i18n);
  const lang = i18n.language as Lang;
  const lines = useAdminLines();
  const codes = useAdminCodes();
  const org = useAdminOrganisation();
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const areaLabel = (code: string | null) => {
    const c = code ? codes.data?.items.find((x) => x.set === 'service_area' && x.code === code) : undefined;
    return code ? (c ? labelOf(c.label, lang) : code) : t('admin.lines.noArea');
  };
  const regionLabel = (code: string | null) => {
    const r = code ? org.data?.regions.find((x) => x.code === code) : undefined;
    return code ? (r ? labelOf(r.name, lang) : code) : t('admin.lines.wholeCounty');
  };
  const items = [...(lines.data?.items ?? [])].sort((a, b) => Number(b.active) - Number(a.active)
    || (a.menuNumber ?? 99) - (b.menuNumber ?? 99) || labelOf(a.name, lang).localeCompare(labelOf(b.name, lang)));
  const yesNo = (v: boolean) => (v ? t('admin.lines.yes') : t('admin.lines.no'));

  return (
    <section aria-labelledby="lines-title" data-qa="admin-lines-page">
      <AdminNav />
      <Heading variant="h1" id="lines-title">{t('admin.lines.title')}</Heading>
      <p>{t('admin.lines.intro')}</p>
      <div ref={statusRef} tabIndex={-1}>{status && <Notice kind="success" qa="lines-status">{status}</Notice>}</div>
      {lines.isError && <Notice kind="error" qa="lines-failed">{problemMessage(lines.error, t('admin.lines.failed'))}</Notice>}
      {lines.isSuccess && (
        <div className="admin-scroll" role="region" aria-label={t('admin.lines.tableLabel')} tabIndex={0}>
          <table className="data lines-table" data-qa="lines-table">
            <caption><strong>{t('admin.lines.caption')}</strong></caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.lines.cols.name')}</th>
                <th scope="col">{t('admin.lines.cols.number')}</th>
                <th scope="col" className="num">{t('admin.lines.cols.menu')}</th>
                <th scope="col">{t('admin.lines.cols.region')}</th>
                <th scope="col">{t('admin.lines.cols.area')}</th>
                <th scope="col">{t('admin.lines.cols.authority')}</th>
                <th scope="col">{t('admin.lines.cols.active')}</th>
                <th scope="col">{t('admin.lines.cols.now')}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && <tr><td colSpan={8} data-qa="lines-none">{t('admin.lines.none')}</td></tr>}
              {items.map((l) => (
                <tr key={l.code} data-qa={`line-row-${l.code}`} className={l.active ? undefined : 'inactive'}>
                  <th scope="row">
                    <a {...linkProps(ADMIN_PATHS.line(l.code))} data-qa="line-open" aria-label={t('admin.lines.openLine', { name: labelOf(l.name, lang) })}>{labelOf(l.name, lang)}</a>
                  </th>
                  <td className="nowrap" data-qa="line-number">{l.phoneNumber}</td>
                  <td className="num" data-qa="line-menu">{l.menuNumber ?? '–'}</td>
                  <td data-qa="line-region">{regionLabel(l.region)}</td>
                  <td data-qa="line-area">{areaLabel(l.serviceArea)}</td>
                  <td data-qa="line-authority">{yesNo(l.authorityOnly)}</td>
                  <td data-qa="line-active">{yesNo(l.active)}</td>
                  <td data-qa="line-state">{lineStateText(l, t, (d) => formatDate(d, lang))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding
        ? (
          <NewLineForm
            onCancel={() => { setAdding(false); window.setTimeout(() => document.getElementById('line-add')?.focus(), 0); }}
            onDone={(line) => {
              setAdding(false);
              setStatus(t('admin.lines.add.created', { name: labelOf(line.name, lang) }));
              window.setTimeout(() => statusRef.current?.focus(), 0);
            }} />
        )
        : <Button variant="secondary" id="line-add" data-qa="line-add" onClick={() => { setStatus(null); setAdding(true); }}>{t('admin.lines.add.open')}</Button>}
    </section>
  );
}
