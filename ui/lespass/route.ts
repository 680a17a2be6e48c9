// Where the visitor is on a collective's site, kept in the address so a reload or a shared link
// lands on the same screen: /<slug>/[agenda | events/<id> | memberships | join/<productId> |
// account]. The payment provider sends the buyer back to /<slug>/account?reservation=… (or
// ?basket=…, ?topup=…, &cancelled=1): those query parameters say what to confirm; a used or
// expired sign-in link lands on /<slug>/account?login=expired.

export type Page = 'home' | 'agenda' | 'event' | 'memberships' | 'join' | 'account' | 'not-found';

export interface Route {
  slug: string;
  page: Page;
  /** The event or the membership product shown. */
  id?: string;
  /** Back from a checkout: what was being paid. */
  returnFrom?: { kind: 'reservation' | 'basket' | 'topup'; id: string; cancelled: boolean };
  /** Sent back by a sign-in link that was used or expired. */
  loginExpired?: boolean;
}

const simplePages: Record<string, Page> = { agenda: 'agenda', memberships: 'memberships', account: 'account' };

/** Pure: the route of an address. */
export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => safeDecode(p));
  const slug = parts[0] ?? '';
  const [section, id] = parts.slice(1);
  let route: Route;
  if (!section) route = { slug, page: 'home' };
  else if (simplePages[section] && !id) route = { slug, page: simplePages[section] };
  else if (section === 'events' && id) route = { slug, page: 'event', id };
  else if (section === 'join' && id) route = { slug, page: 'join', id };
  else route = { slug, page: 'not-found' };
  if (route.page === 'account') {
    const params = new URLSearchParams(search);
    const returnFrom = returnOf(params);
    if (returnFrom) route.returnFrom = returnFrom;
    if (params.get('login') === 'expired') route.loginExpired = true;
  }
  return route;
}

/** Pure: the address of a page of this site. */
export function hrefOf(slug: string, page: Exclude<Page, 'not-found'>, id?: string): string {
  const base = `/${encodeURIComponent(slug)}/`;
  switch (page) {
    case 'home':
      return base;
    case 'event':
      return `${base}events/${encodeURIComponent(id ?? '')}`;
    case 'join':
      return `${base}join/${encodeURIComponent(id ?? '')}`;
    default:
      return `${base}${page}`;
  }
}

function returnOf(params: URLSearchParams): Route['returnFrom'] {
  const cancelled = params.get('cancelled') === '1';
  for (const kind of ['reservation', 'basket', 'topup'] as const) {
    const id = params.get(kind);
    if (id) return { kind, id, cancelled };
  }
  return undefined;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
