// Which Host names a browser may use. DNS rebinding needs a name the attacker's DNS answers for, so
// loopback names, IP literals, the address we bind to and names the user listed are safe; any other
// name reaching us from a browser is a page we did not serve.
import { isIP } from 'node:net';
import type { Config } from '../../config.ts';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** The host name of a Host header value (lower-case, no port, IPv6 without brackets), or null if it is not one. */
export function hostNameOf(host: string | undefined): string | null {
  if (!host || !URL.canParse(`http://${host}`)) return null;
  const url = new URL(`http://${host}`);
  if (url.username || url.password || url.pathname !== '/' || url.search || url.host !== host.toLowerCase().replace(/:80$/, '')) return null;
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

export function isTrustedHost(name: string, config: Pick<Config, 'host' | 'allowedHosts'>): boolean {
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(name)) return true;
  if (!WILDCARD_HOSTS.has(config.host) && name === config.host.toLowerCase()) return true;
  return config.allowedHosts.some((allowed) => (allowed.startsWith('.') ? name.endsWith(allowed) || name === allowed.slice(1) : name === allowed));
}
