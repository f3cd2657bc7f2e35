import { useEffect, useState } from 'react';

/** A tiny router for the staff app: paths under /tyo/, history API, no dependency. */
export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    window.addEventListener('opastin:navigate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('opastin:navigate', onPop);
    };
  }, []);
  return path;
}

export function navigate(path: string): void {
  window.history.pushState(null, '', path + window.location.search);
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
