import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A few pages need no router library: the History API and one event do. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const current = () => window.location.pathname + window.location.search;

export interface Location {
  path: string;
  search: URLSearchParams;
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, current);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { path: url.pathname, search: url.searchParams, href };
  }, [href]);
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === current()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A link that changes page without reloading; a modified click still opens a new tab. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}

/** The address of an incident's page. */
export const incidentPath = (ref: string) => `/incidents/${encodeURIComponent(ref)}`;

/** Where a record is corrected. */
export const editPath = (kind: 'incident' | 'item', ref: string) =>
  `/${kind}s/${encodeURIComponent(ref)}/edit`;

/** The address of a sample's profile. */
export const samplePath = (key: string) => `/samples/${encodeURIComponent(key)}`;

/** The address of a tracing request's page. */
export const tracingPath = (ref: string) => `/tracing/${encodeURIComponent(ref)}`;
