// Runs test/clients/imaplib_logins.py: real IMAP clients (Python's imaplib), one session per login.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SCRIPT = fileURLToPath(new URL('./imaplib_logins.py', import.meta.url));

/** [user, imaplib method, ...arguments] */
export type ImaplibStep = [user: string, method: string, ...args: string[]];

export interface ImaplibResult {
  typ?: string;
  data?: Array<string | string[]>;
  error?: string;
}

export async function imaplib(server: { host: string; port: number }, steps: ImaplibStep[]): Promise<ImaplibResult[]> {
  const { stdout } = await promisify(execFile)('python3', [SCRIPT, JSON.stringify({ ...server, steps })], { timeout: 20_000 });
  return JSON.parse(stdout) as ImaplibResult[];
}
