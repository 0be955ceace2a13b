// TLS material for STARTTLS/STLS and the implicit-TLS ports: the user's PEM files, or a self-signed
// certificate made at start-up. Without either, no protocol advertises TLS.
import { readFile } from 'node:fs/promises';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** True when generated here: clients must skip verification or trust this cert. */
  selfSigned: boolean;
}

async function readPem(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${option}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export async function loadTls(config: Pick<Config, 'tlsCert' | 'tlsKey' | 'tlsSelfSigned'>): Promise<TlsMaterial | null> {
  if (config.tlsCert && config.tlsKey) {
    return { cert: await readPem(config.tlsCert, '--tls-cert'), key: await readPem(config.tlsKey, '--tls-key'), selfSigned: false };
  }
  if (!config.tlsSelfSigned) return null;
  // selfsigned brings a whole X.509 toolkit: loaded only by the start-ups that ask for a certificate.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert, selfSigned: true };
}
