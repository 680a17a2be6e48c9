// The client's address, as every per-address limit counts it (sign-in, magic links, pairing
// codes, public screens). `X-Forwarded-For` is believed only when the peer that sent it is a
// proxy named in TRUST_PROXY (IPs, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`);
// by default no one is, and the address is the TCP peer's. Walked from the right as proxies
// append: the first address not a trusted proxy is the client (Express's own rule).
import { BlockList, isIP } from 'node:net';

const named: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

export type TrustProxy = (address: string) => boolean;

export function trustProxy(value: string | undefined): TrustProxy {
  const list = new BlockList();
  const ranges = entries(value ?? '').flatMap((e) => named[e] ?? [e]);
  if (!ranges.length) return () => false;
  for (const range of ranges) {
    const [ip, bits] = range.split('/');
    const type = isIP(ip!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip!, type);
    else list.addSubnet(ip!, Number(bits), type);
  }
  return (address) => {
    const ip = unmapped(address);
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** The client behind `peer`, given the X-Forwarded-For header it sent. */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustProxy): string {
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  let address = unmapped(peer ?? 'unknown');
  while (trusted(address) && hops.length) address = unmapped(hops.pop()!);
  return address;
}

function entries(value: string): string[] {
  return value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
