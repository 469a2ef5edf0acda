/**
 * The client's address behind proxies (TRUST_PROXY), for the citizen pages' rate limit.
 *
 * Each proxy appends the address it received the request from to X-Forwarded-For, so the entries
 * on the right were written by our own proxies and the first (left) one by whoever sent the
 * request — a client can put anything there. The client address is therefore read from the right:
 *
 *   TRUST_PROXY=1                          one proxy in front (Azure App Service, one nginx): the
 *                                          last X-Forwarded-For entry
 *   TRUST_PROXY=2                          two (e.g. Front Door → App Service): the second to last
 *   TRUST_PROXY=10.0.0.0/8,169.254.0.0/16  the proxies' addresses or networks: from the right, the
 *                                          first address that is not one of them
 *   (empty)                                no proxy: the socket's address; X-Forwarded-For is ignored
 *
 * Addresses are the safe form: the header counts only on connections from a proxy. A hop count reads
 * the header on every connection, so a client that reaches the app port directly writes the address
 * the rate limit counts; it is accepted with a warning at start-up (`trustProxyWarning`) and when a
 * request arrives without any X-Forwarded-For, which no proxy would forward.
 */
import { BlockList, isIP } from 'node:net';

export type TrustProxy = { hops: number } | { trusted: BlockList } | undefined;

/** Accepts a hop count or a comma-separated list of addresses / CIDR ranges; throws on anything else. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) === 0 ? undefined : { hops: Number(v) };
  const trusted = new BlockList();
  for (const item of v.split(',').map((x) => x.trim())) {
    const [address = '', prefix] = item.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUST_PROXY: "${item}" is neither a hop count nor an address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) trusted.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128))
        throw new Error(`TRUST_PROXY: "${item}" has an invalid prefix length`);
      trusted.addSubnet(address, bits, type);
    }
  }
  return { trusted };
}

/** The start-up warning for a hop count (undefined for addresses or no proxy). */
export function trustProxyWarning(trust: TrustProxy): string | undefined {
  if (!trust || !('hops' in trust)) return undefined;
  return `TRUST_PROXY=${trust.hops} is a hop count: X-Forwarded-For is believed on every connection, so the app port must be reachable only through the proxy (as on Azure App Service). Name the proxies' addresses instead (e.g. TRUST_PROXY=10.0.0.0/8) to believe it only from them.`;
}

/** The warning when a request came without X-Forwarded-For although TRUST_PROXY is a hop count: not through the proxy. */
export function directRequestWarning(trust: TrustProxy, forwardedFor: string | undefined): string | undefined {
  if (!trust || !('hops' in trust) || forwardedFor) return undefined;
  return `A request reached the app without X-Forwarded-For although TRUST_PROXY=${trust.hops}: the app port is reachable without the proxy, and a client sending its own X-Forwarded-For there escapes the rate limit. Close the port to everything but the proxy, or set TRUST_PROXY to the proxies' addresses.`;
}

const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address: the socket's, or read from the right of X-Forwarded-For as TRUST_PROXY says. */
export function clientAddress(remote: string | undefined, forwardedFor: string | undefined, trust: TrustProxy): string {
  const socket = remote ? plain(remote) : 'unknown';
  if (!trust || !forwardedFor) return socket;
  const chain = [
    ...forwardedFor
      .split(',')
      .map(plain)
      .filter((x) => x.length > 0),
    socket,
  ];
  if ('hops' in trust) return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
  for (let i = chain.length - 1; i > 0; i--) if (!isTrusted(trust.trusted, chain[i]!)) return chain[i]!;
  return chain[0]!;
}
