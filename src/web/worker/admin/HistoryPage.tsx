import { useState } from 'react';
import { Heading } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../lib/fields';
import { OBJECT_TYPES } from './lines-api';
import { AdminNav } from './AdminNav';
import { HistoryTable } from './history-table';
import { ensureLinesMessages } from './messages-lines';
import './admin.css';

/** Every administrative change of the county (issue 18), newest first, filtered by the kind of object. */
export function HistoryPage() {
  const { t, i18n } = useTranslation();
  ensureLinesMessages(i18n);
  const [objectType, setObjectType] = useState('');
  return (
    <section aria-labelledby="history-title" data-qa="history-page">
      <AdminNav />
      <Heading variant="h1" id="history-title">{t('admin.history.title')}</Heading>
      <p>{t('admin.history.intro')}</p>
      <div className="actions">
        <SelectField id="history-filter" label={t('admin.history.filter')} value={objectType} onChange={setObjectType} empty={t('admin.history.all')}
          options={OBJECT_TYPES.map((o) => ({ value: o, label: t(`admin.history.types.${o}`) }))} />
      </div>
      <HistoryTable objectType={objectType || undefined} caption={t('admin.history.caption')} />
    </section>
  );
}
