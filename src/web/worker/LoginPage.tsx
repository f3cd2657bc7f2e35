import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, Link, TextInput } from 'suomifi-ui-components';
import { api, ApiError } from '../lib/api';
import { useSetMe, type Me } from './session';
import type { AuthMethods } from '../../server/platform/auth/auth.schemas';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const setMe = useSetMe();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(() => {
    const code = new URLSearchParams(window.location.search).get('loginError');
    return code === 'oidc_failed' || code === 'no_role' || code === 'forbidden' ? t(`worker.loginErrors.${code}`) : null;
  });
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: () => api<AuthMethods>('/api/auth/methods') });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!username || !password) return;
    setBusy(true);
    setError(null);
    try {
      setMe(await api<Me>('/api/auth/login', { method: 'POST', body: { username, password }, lang: i18n.language }));
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.title : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate style={{ maxWidth: 400 }} data-qa="login-form">
      <Heading variant="h1">{t('worker.loginTitle')}</Heading>
      <div style={{ margin: '16px 0' }}>
        <TextInput
          labelText={t('worker.username')}
          autoComplete="username"
          value={username}
          onChange={(v) => setUsername(String(v ?? ''))}
          status={submitted && !username ? 'error' : 'default'}
          statusText={submitted && !username ? t('worker.required') : undefined}
          data-qa="login-username"
          fullWidth
        />
      </div>
      <div style={{ margin: '16px 0' }}>
        <TextInput
          labelText={t('worker.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(v) => setPassword(String(v ?? ''))}
          status={submitted && !password ? 'error' : 'default'}
          statusText={submitted && !password ? t('worker.required') : undefined}
          data-qa="login-password"
          fullWidth
        />
      </div>
      {error && <InlineAlert status="error" data-qa="login-error">{error}</InlineAlert>}
      <div style={{ margin: '16px 0', display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button type="submit" disabled={busy} data-qa="login-submit">{busy ? t('worker.loggingIn') : t('worker.login')}</Button>
        {methods.data?.oidc && <Link href="/api/auth/oidc/login" data-qa="login-sso">{t('worker.loginSso')}</Link>}
      </div>
    </form>
  );
}
