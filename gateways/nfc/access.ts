// Who may listen to card taps. The bridge runs on the till itself: only processes of this
// device (loopback) may connect, and a browser page only if its Origin is this device or an
// origin the operator listed (the app server's public URL). Without the Origin check, any
// website open in the till's browser could read the UIDs of every card tapped.

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for IPv4 127.0.0.0/8, IPv6 ::1 and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127(?:\.\d{1,3}){3}$/.test(v4);
}

/**
 * A missing Origin means a non-browser client (browsers always send one on a WebSocket
 * upgrade); it already passed the loopback check, so it is a process of this device.
 */
export function isAllowedOrigin(origin: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  const parsed = parseOrigin(origin);
  if (!parsed) return false;
  if (loopbackHosts.has(parsed.hostname) || isLoopbackAddress(parsed.hostname)) return true;
  return allowedOrigins.includes(parsed.origin);
}

/** Normalises an origin as the browser sends it (`https://pos.example.org`), or null. */
export function normalizeOrigin(value: string): string | null {
  return parseOrigin(value)?.origin ?? null;
}

function parseOrigin(value: string): URL | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url;
  } catch {
    return null;
  }
}
