import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, problemMessage } from '../../lib/api';
import { formatDate, type Lang } from '../../lib/i18n';
import { Notice } from '../../lib/fields';
import { TRIGGERS, type TriggerCode } from '../../../domain/codes';
import type { Battery } from '../../../server/features/guidance/guidance.schemas';
import type { batteriesSchema } from '../../../server/features/guidance/guidance.schemas';
import type { z } from 'zod';
import { useReferenceData } from '../reference-data';
import { draftFromBattery, newBatteryDraft, type BatteryDraft } from './battery-draft';
import { BatteryEditor } from './BatteryEditor';
import { ensureGuidanceAdminMessages } from './messages';
import './guidance-admin.css';

export const BATTERIES_PATH = '/tyo/kysymyssarjat';
type Batteries = z.infer<typeof batteriesSchema>;
const BATTERIES_KEY = ['guidance', 'batteries'] as const;

function useAreaLabel() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  return (area: string) => (area === 'general' || area === 'family' ? t(`guidanceAdmin.areas.${area}`) : ref.label('service_area', area));
}

/** One version's questions as the person answering them sees their order, with what each asks for and what it raises. */
function BatteryQuestions({ battery, onClose }: { battery: Battery; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [battery.id]);
  const l = (labels: { fi: string; sv: string; en: string }) => labels[lang] || labels.fi;
  let section = '';
  return (
    <section className="panel" aria-labelledby="battery-view-title" data-qa="battery-view">
      <Heading variant="h2" id="battery-view-title" ref={heading} tabIndex={-1}>
        {t('guidanceAdmin.batteries.viewTitle', { title: l(battery.title), version: battery.version })}
      </Heading>
      <p data-qa="battery-view-state">
        {battery.current ? t('guidanceAdmin.batteries.currentNote') : t('guidanceAdmin.batteries.supersededNote')}{' '}
        {t('guidanceAdmin.batteries.answered', { count: battery.answered })}
      </p>
      <ol className="battery-questions" data-qa="battery-view-questions">
        {battery.questions.map((q) => {
          const heading = q.section && l(q.section) !== section ? l(q.section) : null;
          if (q.section) section = l(q.section);
          return (
            <li key={q.key} data-qa={`battery-view-question-${q.key}`}>
              {heading && <><strong>{heading}</strong><br /></>}
              <span>{l(q.label)}</span>{' '}
              <span className="hint">
                ({[t(`guidanceAdmin.kinds.${q.kind}`), q.required ? t('guidanceAdmin.batteries.required') : t('guidanceAdmin.batteries.optional'), q.key].join(', ')})
              </span>
              {q.scale && <div>{t('guidanceAdmin.batteries.scale', { min: q.scale.min, max: q.scale.max })}{q.scale.minLabel && q.scale.maxLabel ? ` (${l(q.scale.minLabel)} – ${l(q.scale.maxLabel)})` : ''}</div>}
              {q.options && q.options.length > 0 && <div>{t('guidanceAdmin.batteries.options')}: {q.options.map((o) => l(o.label)).join(' · ')}</div>}
              {q.flag && (
                <div data-qa="battery-view-flag">
                  {t('guidanceAdmin.batteries.flag', { flag: l(q.flag.label) })}
                  {q.flag.trigger ? ` ${t('guidanceAdmin.batteries.flagTrigger', { trigger: TRIGGERS[q.flag.trigger as TriggerCode]?.[lang] ?? q.flag.trigger })}` : ''}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <Button variant="secondary" onClick={onClose} data-qa="battery-view-close">{t('guidanceAdmin.batteries.closeView')}</Button>
    </section>
  );
}

/**
 * The county's question batteries (issue 17, "forms are data"), for supervisors and
 * administrators: the versions in use, and on request the older ones, each with how many
 * assessments were given under it; a version's questions; a new version made from the current one
 * in the editor, or a battery with a new code. Answers given under an older version stay under it.
 */
export function BatteriesPage() {
  const { t, i18n } = useTranslation();
  ensureGuidanceAdminMessages(i18n);
  const lang = i18n.language as Lang;
  const client = useQueryClient();
  const areaLabel = useAreaLabel();
  const [all, setAll] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ draft: BatteryDraft; from: string | null } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const list = useQuery({ queryKey: [...BATTERIES_KEY, all], queryFn: () => api<Batteries>(`/api/guidance/batteries?all=${all}`) });
  // every code in use (the current versions carry them all), for a new battery's code
  const current = useQuery({ queryKey: [...BATTERIES_KEY, false], queryFn: () => api<Batteries>('/api/guidance/batteries?all=false'), enabled: !!editing });
  const items = [...(list.data?.items ?? [])].sort((a, b) => a.code.localeCompare(b.code) || b.version - a.version);
  const viewed = items.find((b) => b.id === viewing) ?? null;
  const l = (labels: { fi: string; sv: string; en: string }) => labels[lang] || labels.fi;

  const closeEditor = (focusId: string | null) => {
    setEditing(null);
    window.setTimeout(() => { if (focusId) document.getElementById(focusId)?.focus(); }, 0);
  };
  const saved = async (b: Battery) => {
    setEditing(null);
    setViewing(null);
    setStatus(b.version > 1
      ? t('guidanceAdmin.batteries.savedVersion', { title: l(b.title), version: b.version })
      : t('guidanceAdmin.batteries.savedNew', { title: l(b.title) }));
    await client.invalidateQueries({ queryKey: BATTERIES_KEY });
    window.setTimeout(() => statusRef.current?.focus(), 0);
  };

  if (editing) {
    return (
      <section aria-labelledby="batteries-title" data-qa="batteries-page">
        <Heading variant="h1" id="batteries-title">{t('guidanceAdmin.batteries.title')}</Heading>
        <BatteryEditor start={editing.draft} takenCodes={(current.data?.items ?? []).map((b) => b.code)} onSaved={(b) => void saved(b)}
          onCancel={() => closeEditor(editing.from)} />
      </section>
    );
  }

  return (
    <section aria-labelledby="batteries-title" data-qa="batteries-page">
      <Heading variant="h1" id="batteries-title">{t('guidanceAdmin.batteries.title')}</Heading>
      <p>{t('guidanceAdmin.batteries.intro')}</p>
      <p className="notice" data-qa="batteries-versions-note">{t('guidanceAdmin.batteries.versionsNote')}</p>
      <div ref={statusRef} tabIndex={-1}>{status && <Notice kind="success" qa="batteries-status">{status}</Notice>}</div>
      {list.isError && <Notice kind="error" qa="batteries-failed">{problemMessage(list.error, t('guidanceAdmin.batteries.failed'))}</Notice>}
      <div className="actions">
        <div className="field checkbox">
          <label htmlFor="batteries-all">
            <input type="checkbox" id="batteries-all" checked={all} onChange={(e) => setAll(e.target.checked)} data-qa="batteries-all" /> {t('guidanceAdmin.batteries.showAll')}
          </label>
        </div>
        <Button variant="secondary" id="battery-new" data-qa="battery-new" onClick={() => { setStatus(null); setEditing({ draft: newBatteryDraft(), from: 'battery-new' }); }}>
          {t('guidanceAdmin.batteries.newBattery')}
        </Button>
      </div>
      {list.isSuccess && (
        <div className="cases-scroll" role="region" aria-label={t('guidanceAdmin.batteries.tableLabel')} tabIndex={0}>
          <table className="data batteries-table" data-qa="batteries-table">
            <caption><strong>{all ? t('guidanceAdmin.batteries.captionAll') : t('guidanceAdmin.batteries.captionCurrent')}</strong></caption>
            <thead>
              <tr>
                <th scope="col">{t('guidanceAdmin.batteries.cols.title')}</th>
                <th scope="col">{t('guidanceAdmin.batteries.cols.code')}</th>
                <th scope="col">{t('guidanceAdmin.batteries.cols.area')}</th>
                <th scope="col" className="num">{t('guidanceAdmin.batteries.cols.version')}</th>
                <th scope="col">{t('guidanceAdmin.batteries.cols.state')}</th>
                <th scope="col" className="num">{t('guidanceAdmin.batteries.cols.questions')}</th>
                <th scope="col" className="num">{t('guidanceAdmin.batteries.cols.answered')}</th>
                <th scope="col">{t('guidanceAdmin.batteries.cols.created')}</th>
                <th scope="col">{t('guidanceAdmin.batteries.cols.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && <tr><td colSpan={9} data-qa="batteries-none">{t('guidanceAdmin.batteries.none')}</td></tr>}
              {items.map((b) => (
                <tr key={b.id} data-qa={`battery-row-${b.code}-${b.version}`} data-current={b.current || undefined}>
                  <th scope="row">{l(b.title)}</th>
                  <td><code>{b.code}</code></td>
                  <td>{areaLabel(b.area)}</td>
                  <td className="num" data-qa="battery-version">{b.version}</td>
                  <td data-qa="battery-state">{b.current ? t('guidanceAdmin.batteries.current') : t('guidanceAdmin.batteries.superseded')}</td>
                  <td className="num">{b.questions.length}</td>
                  <td className="num" data-qa="battery-answered">{b.answered}</td>
                  <td className="nowrap">{formatDate(b.createdAt, lang, { weekday: false, year: true })}</td>
                  <td className="actions-cell">
                    <button type="button" className="link" id={`battery-view-${b.id}`} data-qa="battery-view-open" aria-expanded={viewing === b.id}
                      aria-label={t('guidanceAdmin.batteries.viewNamed', { title: l(b.title), version: b.version })}
                      onClick={() => setViewing(viewing === b.id ? null : b.id)}>{t('guidanceAdmin.batteries.view')}</button>
                    {b.current && (
                      <>
                        {' · '}
                        <button type="button" className="link" id={`battery-edit-${b.id}`} data-qa="battery-new-version"
                          aria-label={t('guidanceAdmin.batteries.newVersionNamed', { title: l(b.title), version: b.version + 1 })}
                          onClick={() => { setStatus(null); setEditing({ draft: draftFromBattery(b), from: `battery-edit-${b.id}` }); }}>
                          {t('guidanceAdmin.batteries.newVersion')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {viewed && <BatteryQuestions battery={viewed} onClose={() => { const id = viewed.id; setViewing(null); window.setTimeout(() => document.getElementById(`battery-view-${id}`)?.focus(), 0); }} />}
    </section>
  );
}
