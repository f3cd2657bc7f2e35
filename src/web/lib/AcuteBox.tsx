import { useTranslation } from 'react-i18next';

/** The national numbers; the county's social and crisis emergency line comes from its settings. */
export const NATIONAL_NUMBERS = { emergency: '112', medical: '116117' } as const;

/** Shown on every public page (domain § 6): acute situations are not for guidance. */
export function AcuteBox({ crisisPhone, headingLevel = 2 }: { crisisPhone: string | null; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const item = (key: 'emergency' | 'medical' | 'crisis', number: string | null) => (
    <li>
      <strong>{t(`acute.${key}`)}</strong>
      {number && <>{' '}<a href={`tel:${number.replace(/[^0-9+]/g, '')}`} data-qa={`acute-${key}`}>{number}</a></>}
      {' – '}
      {t(`acute.${key}Text`)}
    </li>
  );
  return (
    <aside aria-labelledby="acute-title" data-qa="acute-box" className="acute-box">
      <H id="acute-title">{t('acute.title')}</H>
      <ul>
        {item('emergency', NATIONAL_NUMBERS.emergency)}
        {item('medical', NATIONAL_NUMBERS.medical)}
        {item('crisis', crisisPhone)}
      </ul>
    </aside>
  );
}
