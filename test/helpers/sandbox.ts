// Shared test set-up: a real sandbox on ephemeral ports, and a real SMTP client to feed it.
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { start, type Sandbox, type StartOptions } from '../../server/app.ts';
import type { StoredMessage } from '../../server/store/message.ts';

export async function startSandbox(overrides: StartOptions = {}): Promise<Sandbox> {
  return start({
    smtpPort: 0,
    httpPort: 0,
    imapPort: 0,
    pop3Port: 0,
    logLevel: 'silent',
    ...overrides,
  });
}

export function smtpTransport(sandbox: Sandbox, options: { pool?: boolean; auth?: { user: string; pass: string } } = {}) {
  if (!sandbox.smtp) throw new Error('SMTP is off in this sandbox');
  return nodemailer.createTransport({
    host: sandbox.smtp.host,
    port: sandbox.smtp.port,
    secure: false,
    ignoreTLS: true,
    pool: options.pool ?? false,
    auth: options.auth,
  });
}

/** Sends one message with nodemailer and returns the stored id from the 250 reply. */
export async function sendMail(sandbox: Sandbox, mail: Mail.Options): Promise<number> {
  const transport = smtpTransport(sandbox);
  try {
    const info = await transport.sendMail({ from: 'sender@example.com', to: 'rcpt@example.com', ...mail });
    const id = /stored as (\d+)/.exec(info.response)?.[1];
    if (!id) throw new Error(`unexpected SMTP reply: ${info.response}`);
    return Number(id);
  } finally {
    transport.close();
  }
}

/** The IMAP UID of a stored message: UIDs count per folder, REST ids across the whole store. */
export function uidOf(sandbox: Sandbox, id: number): number {
  const message = sandbox.store.get(id);
  if (!message) throw new Error(`no message #${id}`);
  return message.uid;
}

/** The stored message with this IMAP UID in this folder. */
export function byUid(sandbox: Sandbox, folder: string, uid: number): StoredMessage | undefined {
  return sandbox.store.folderMessages(folder).find((message) => message.uid === uid);
}

export async function api<T = unknown>(sandbox: Sandbox, path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(sandbox.url + path, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
