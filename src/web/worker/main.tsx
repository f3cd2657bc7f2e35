import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '@fontsource/source-sans-3/400.css';
import '@fontsource/source-sans-3/600.css';
import '../lib/base.css';
import { setupI18n } from '../lib/i18n';
import { WorkerApp } from './WorkerApp';

setupI18n();
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <WorkerApp />
    </QueryClientProvider>
  </StrictMode>,
);
