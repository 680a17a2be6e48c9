// Moving between the pages of the site without reloading it: links inside the site are
// followed with history.pushState, the back button works, and a page remembers where the
// visitor wanted to go before signing in (the sign-in link always lands on the account page).

const returnKey = 'lespass.returnTo';
const returnTtlMs = 30 * 60_000;
const listeners = new Set<() => void>();

if (typeof window !== 'undefined') window.addEventListener('popstate', () => notify());

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  notify();
}

export function onNavigate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The path of a click on a link that this site should follow itself, or null (other sites,
 * new tabs, downloads, modified clicks, or links outside this collective's site).
 */
export function internalHref(event: MouseEvent, slug: string): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.composedPath().find((el): el is HTMLAnchorElement => el instanceof HTMLAnchorElement);
  if (!anchor || !anchor.href || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return null;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(`/${encodeURIComponent(slug)}/`)) return null;
  return url.pathname + url.search + url.hash;
}

/** Remembers the page to come back to once signed in (same site only). */
export function rememberReturn(path: string): void {
  try {
    localStorage.setItem(returnKey, JSON.stringify({ path, at: Date.now() }));
  } catch {
    // storage disabled: the visitor will find their way back through the menu
  }
}

/** The page remembered before signing in (lately: a sign-in link lives 15 minutes), forgotten once read. */
export function takeReturn(slug: string): string | null {
  try {
    const saved = JSON.parse(localStorage.getItem(returnKey) ?? 'null') as { path?: unknown; at?: unknown } | null;
    localStorage.removeItem(returnKey);
    const path = typeof saved?.path === 'string' ? saved.path : '';
    const fresh = typeof saved?.at === 'number' && Date.now() - saved.at < returnTtlMs;
    return fresh && path.startsWith(`/${encodeURIComponent(slug)}/`) && !path.includes('/account') ? path : null;
  } catch {
    return null;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}
