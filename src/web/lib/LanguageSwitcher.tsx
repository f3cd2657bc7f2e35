import { useTranslation } from 'react-i18next';
import { LANGS, type Lang } from './i18n';

/** Plain links with lang attributes: each language is named in itself, as WCAG 3.1.2 expects. */
export function LanguageSwitcher() {
  const { i18n, t } = useTranslation();
  return (
    <nav aria-label={t('common.languageMenu')}>
      <ul style={{ display: 'flex', gap: 16, listStyle: 'none', margin: 0, padding: 0 }}>
        {LANGS.map((lang: Lang) => (
          <li key={lang}>
            <a
              href={`?lang=${lang}`}
              lang={lang}
              hrefLang={lang}
              aria-current={i18n.language === lang ? 'true' : undefined}
              data-qa={`lang-${lang}`}
              onClick={(e) => { e.preventDefault(); void i18n.changeLanguage(lang); }}
            >
              {t(`common.languages.${lang}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
