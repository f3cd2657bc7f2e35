import { useEffect, useState } from 'react';

/** A tiny router for the staff app: paths under /tyo/, history API, no dependency. */
function useLocationPart<T>(read: () => T): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const onChange = () => setValue(read);
    window.addEventListener('popstate', onChange);
    window.addEventListener('opastin:navigate', onChange);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener('opastin:navigate', onChange);
    };
  }, [read]);
  return value;
}

const readPath = () => window.location.pathname;
const readSearch = () => window.location.search;
const readState = (): unknown => window.history.state;

export function usePath(): string {
  return useLocationPart(readPath);
}

/** The query string of the current address, updated on navigation. */
export function useSearch(): string {
  return useLocationPart(readSearch);
}

/**
 * The state the current history entry was opened with (`navigate(path, { state })`): kept by the
 * browser over reloads and back/forward, but never in the address, so a search for a name or an
 * identity code stays out of the address bar and the browser's history list.
 */
export function useHistoryState(): unknown {
  return useLocationPart(readState);
}

/**
 * Goes to `path` in the app. A path without its own query keeps only the language choice of the
 * current one (`?lang=sv`). `replace` does not add a history entry; `state` goes with the entry.
 */
export function navigate(path: string, opts: { replace?: boolean; state?: unknown } = {}): void {
  const lang = new URLSearchParams(window.location.search).get('lang');
  const target = path.includes('?') || !lang ? path : `${path}?lang=${encodeURIComponent(lang)}`;
  if (opts.replace) window.history.replaceState(opts.state ?? null, '', target);
  else window.history.pushState(opts.state ?? null, '', target);
  window.dispatchEvent(new Event('opastin:navigate'));
  window.scrollTo(0, 0);
}

export function linkProps(path: string) {
  return {
    href: path,
    onClick: (e: React.MouseEvent) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(path);
    },
  };
}
