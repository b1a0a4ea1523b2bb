import { useEffect } from 'react';

/** The browser tab and screen readers say which page this is. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Headstamp`;
  }, [title]);
}
