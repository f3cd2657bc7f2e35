import { useTranslation } from 'react-i18next';
import { Button, Heading, LoadingSpinner, Paragraph } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { LanguageSwitcher } from '../lib/LanguageSwitcher';
import { LoginPage } from './LoginPage';
import { useMe, useSetMe } from './session';

export function WorkerApp() {
  const { t } = useTranslation();
  const me = useMe();
  const setMe = useSetMe();

  const logout = async (everywhere: boolean) => {
    await api(everywhere ? '/api/auth/logout-everywhere' : '/api/auth/logout', { method: 'POST' });
    setMe(null);
  };

  return (
    <>
      <header style={{ borderBottom: '1px solid #c8cdd0', padding: '12px 16px', display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <span><strong>{t('worker.title')}</strong> · {t('worker.subtitle')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" style={{ maxWidth: 1200, margin: '0 auto', padding: 16 }}>
        {me.isPending && <LoadingSpinner status="loading" text={t('common.loading')} />}
        {me.isError && <Paragraph>{t('common.error')}</Paragraph>}
        {me.data === null && <LoginPage />}
        {me.data && (
          <section data-qa="workspace">
            <Heading variant="h1" data-qa="welcome">{t('worker.welcome', { name: me.data.displayName })}</Heading>
            <Paragraph>
              {t('worker.roles')}: {me.data.roles.map((r) => t(`worker.roleNames.${r}`)).join(', ')}
            </Paragraph>
            <div style={{ display: 'flex', gap: 16, marginTop: 16 }}>
              <Button variant="secondary" onClick={() => void logout(false)} data-qa="logout">{t('worker.logout')}</Button>
              <Button variant="secondaryNoBorder" onClick={() => void logout(true)} data-qa="logout-everywhere">{t('worker.logoutEverywhere')}</Button>
            </div>
          </section>
        )}
      </main>
    </>
  );
}
