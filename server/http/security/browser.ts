// How a request shows it comes from a web page, and whether that page is ours. Browsers mark their
// requests; other clients (curl, test helpers, compose neighbours) do not, and are left alone:
// - `Origin` (every cross-origin request, every POST/PATCH/PUT/DELETE, every WebSocket) and
//   `Sec-Fetch-Site` (every request to localhost or an IP such as 127.0.0.1) mark a browser;
// - a page on a plain-http name (what DNS rebinding gives an attacker) sends neither on a same-origin
//   GET, so under a name with a dot, a browser User-Agent marks a browser too. A name without a dot
//   (a compose service such as `mail`) cannot come from public DNS, so there only the headers count.
// Node's fetch sends `Sec-Fetch-Mode` but no `Sec-Fetch-Site`, so Mode and Dest mark nothing.
import type { Config } from '../../config.ts';
import { hostNameOf, isTrustedHost } from './hosts.ts';

export type HeaderReader = (name: string) => string | undefined;

/** Every major browser's User-Agent starts so; the page's script cannot change it in Chromium or WebKit. */
const BROWSER_AGENT = /^Mozilla\/\d/;

export type Refusal = { code: 'foreign-host' | 'cross-site'; message: string };

/** A browser request under a Host we cannot vouch for (DNS rebinding), or null. */
export function foreignHost(header: HeaderReader, config: Pick<Config, 'host' | 'allowedHosts'>): Refusal | null {
  const host = header('host');
  const name = hostNameOf(host);
  if (name !== null && isTrustedHost(name, config)) return null;
  const marked = header('origin') !== undefined || header('sec-fetch-site') !== undefined;
  const looksRebindable = name === null || name.includes('.');
  if (!marked && !(looksRebindable && BROWSER_AGENT.test(header('user-agent') ?? ''))) return null;
  const shown = (host ?? '').slice(0, 100);
  return {
    code: 'foreign-host',
    message: `a browser reached this sandbox as "${shown}", a name it does not answer to (DNS rebinding?); to open it under that name, start it with --allowed-hosts ${name ?? 'NAME'}`,
  };
}

/** Whether an Origin value is the page's own (same host and port as the Host asked for) or one of --cors-origin. */
export function isTrustedOrigin(origin: string, host: string | undefined, corsOrigins: readonly string[]): boolean {
  if (corsOrigins.includes(origin)) return true;
  if (!host || !URL.canParse(origin)) return false;
  const url = new URL(origin);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
}

/**
 * A change (or a WebSocket) asked for by a page of another origin, or null. A form post or no-cors
 * fetch from elsewhere still carries Origin and, to 127.0.0.1 or localhost, Sec-Fetch-Site.
 */
export function crossSite(header: HeaderReader, corsOrigins: readonly string[]): Refusal | null {
  const origin = header('origin');
  const site = header('sec-fetch-site');
  const trusted = origin !== undefined && isTrustedOrigin(origin, header('host'), corsOrigins);
  const originRefused = origin !== undefined && !trusted;
  const siteRefused = site !== undefined && site !== 'same-origin' && !(origin !== undefined && corsOrigins.includes(origin));
  if (!originRefused && !siteRefused) return null;
  return {
    code: 'cross-site',
    message: `refused: a page on ${origin === undefined ? `another site (Sec-Fetch-Site: ${site})` : `origin ${origin.slice(0, 100)}`} may not change anything here or open the event stream; to allow it, start the sandbox with --cors-origin ORIGIN`,
  };
}
