import { Heading, Paragraph } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';

/** Shown on every public page (domain § 6): acute situations are not for guidance. */
export const ACUTE_NUMBERS = { emergency: '112', medical: '116117', crisis: '044 470 0444' } as const;

export function AcuteBox() {
  const { t } = useTranslation();
  const item = (key: 'emergency' | 'medical' | 'crisis') => (
    <li>
      <strong>{t(`acute.${key}`)}</strong>{' '}
      <a href={`tel:${ACUTE_NUMBERS[key].replace(/\s/g, '')}`} data-qa={`acute-${key}`}>{ACUTE_NUMBERS[key]}</a>
      {' – '}
      {t(`acute.${key}Text`)}
    </li>
  );
  return (
    <aside aria-labelledby="acute-title" data-qa="acute-box" style={{ border: '2px solid #c3292e', borderRadius: 4, padding: '12px 16px', margin: '16px 0', background: '#fff' }}>
      <Heading variant="h2" id="acute-title" style={{ fontSize: '1.25rem' }}>{t('acute.title')}</Heading>
      <Paragraph>
        <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
          {item('emergency')}
          {item('medical')}
          {item('crisis')}
        </ul>
      </Paragraph>
    </aside>
  );
}
