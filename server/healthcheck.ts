// `mailsandbox healthcheck`: the image's HEALTHCHECK. Reads the same flags and env as the server,
// asks its /api/v1/health, and answers with one line and exit 0 (healthy) or 1, as Docker expects.
// It loads nothing but the option table and node:http, since Docker runs it every few seconds.
import { request } from 'node:http';
import type { Config } from './config.ts';
import { urlHost } from './listener.ts';
import type { HealthInfo } from './types.ts';

const TIMEOUT_MS = 3_000;

export interface HealthcheckResult {
  healthy: boolean;
  line: string;
}

/** The addresses to try for a server bound to host: a wildcard bind is reached over loopback. */
export function addressesFor(host: string): string[] {
  if (host === '0.0.0.0') return ['127.0.0.1'];
  // A dual-stack `::` answers on 127.0.0.1; ::1 covers systems where `::` is IPv6-only (bindv6only).
  if (host === '::' || host === '::0') return ['127.0.0.1', '::1'];
  return [host];
}

function getJson(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: TIMEOUT_MS, headers: { accept: 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch {
          reject(new Error(`HTTP ${res.statusCode}, not JSON`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export async function healthcheck(config: Pick<Config, 'host' | 'httpPort'>): Promise<HealthcheckResult> {
  if (config.httpPort === null) return { healthy: false, line: 'unhealthy: HTTP is off (--http-port off), so there is no /api/v1/health to ask' };
  if (config.httpPort === 0) return { healthy: false, line: 'unhealthy: --http-port 0 is an ephemeral port; give the port the server listens on' };
  let failure = '';
  for (const address of addressesFor(config.host)) {
    const url = `http://${urlHost(address)}:${config.httpPort}/api/v1/health`;
    try {
      const { status, body } = await getJson(url);
      const health = body as Partial<HealthInfo>;
      if (status === 200 && health.status === 'ok') {
        return { healthy: true, line: `healthy: ${url} (mailsandbox ${health.version}, ${health.messages} messages)` };
      }
      failure = `${url} answered HTTP ${status}`;
    } catch (err) {
      failure = `${url}: ${(err as Error).message}`;
    }
  }
  return { healthy: false, line: `unhealthy: ${failure}` };
}
