// Where the admin is, kept in the address so a reload or a shared link lands on the same
// screen: /admin/<section>[/<id>[/<tab>]]?collective=<id>. The collective is a query parameter
// because operators switch it; a collective admin always sees their own.

export const sections = [
  'collective',
  'village',
  'currencies',
  'settlement',
  'pos',
  'products',
  'staff',
  'cards',
  'revenue',
  'offline',
  'loyalty',
  'events',
  'door',
  'memberships',
  'members',
  'payments',
  'promos',
  'subscriptions',
  'ops-queues',
  'ops-ledger',
] as const;
export type Section = (typeof sections)[number];

export const posTabs = ['products', 'terminals', 'register', 'z'] as const;
export type PosTab = (typeof posTabs)[number];

export interface Route {
  section: Section;
  /** The POS or event shown inside a section. */
  id?: string;
  tab?: string;
  collectiveId?: string;
}

export const basePath = '/admin';
const defaultSection: Section = 'collective';
const pathOf: Partial<Record<Section, string>> = { 'ops-queues': 'ops/queues', 'ops-ledger': 'ops/ledger' };

/** Pure: the route of an address (unknown paths land on the default section). */
export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname
    .replace(/^\/admin\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => safeDecode(p));
  const collectiveId = new URLSearchParams(search).get('collective') || undefined;
  const withCollective = (r: Route): Route => (collectiveId ? { ...r, collectiveId } : r);
  if (parts[0] === 'ops') {
    const section = `ops-${parts[1] ?? 'queues'}` as Section;
    return withCollective({ section: sections.includes(section) ? section : 'ops-queues' });
  }
  const section = sections.includes(parts[0] as Section) ? (parts[0] as Section) : defaultSection;
  const route: Route = { section };
  if (section === parts[0] && parts[1]) route.id = parts[1];
  if (route.id && parts[2]) route.tab = parts[2];
  return withCollective(route);
}

/** Pure: the address of a route. */
export function hrefOf(route: Route): string {
  const path = [pathOf[route.section] ?? route.section, route.id, route.id ? route.tab : undefined]
    .filter((p): p is string => Boolean(p))
    .map((p) => (p.includes('/') ? p : encodeURIComponent(p)))
    .join('/');
  const query = route.collectiveId ? `?collective=${encodeURIComponent(route.collectiveId)}` : '';
  return `${basePath}/${path}${query}`;
}

/** The address of a screen of the collective shown now (keeps ?collective= of the address). */
export function linkTo(section: Section, id?: string, tab?: string): string {
  const collectiveId = typeof location === 'undefined' ? undefined : parseRoute(location.pathname, location.search).collectiveId;
  return hrefOf({ section, id, tab, collectiveId });
}

export const navigateEvent = 'admin:navigate';

/** Goes to an address of the app without reloading the page. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(navigateEvent));
}

/** Click handler for in-app links: plain clicks navigate in place, others (new tab...) stay links. */
export function followLink(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (!anchor.href || anchor.target) return;
  event.preventDefault();
  const url = new URL(anchor.href);
  navigate(url.pathname + url.search);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
