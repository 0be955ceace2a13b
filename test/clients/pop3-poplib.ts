// Runs test/clients/pop3_poplib.py: a real POP3 client (Python's poplib) for one scripted session.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SCRIPT = fileURLToPath(new URL('./pop3_poplib.py', import.meta.url));

export type PoplibStep = [name: string, ...args: Array<string | number>];

export interface PoplibResult {
  status?: string;
  error?: string;
  capabilities?: Record<string, string[]>;
  count?: number;
  octets?: number;
  lines?: string[];
  /** Message bytes as poplib returned them, base64. */
  bytes?: string;
}

export interface PoplibSession {
  welcome: string;
  stls?: string;
  results: PoplibResult[];
}

export async function poplib(port: number, steps: PoplibStep[], tls: 'none' | 'stls' | 'implicit' = 'none'): Promise<PoplibSession> {
  const { stdout } = await promisify(execFile)('python3', [SCRIPT, JSON.stringify({ port, tls, steps })], { timeout: 20_000 });
  return JSON.parse(stdout) as PoplibSession;
}

export const bytesOf = (result: PoplibResult): Buffer => Buffer.from(result.bytes ?? '', 'base64');
