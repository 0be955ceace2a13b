// One info line per accepted message, with id, from, to and size, in both log formats.
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../server/log.ts';
import { startSandbox } from './helpers/sandbox.ts';

async function sendAndCollect(format: 'pretty' | 'json'): Promise<{ lines: string[]; id: number; size: number }> {
  const lines: string[] = [];
  const sandbox = await startSandbox({ imapPort: null, pop3Port: null, httpPort: null, logger: createLogger(format, 'info', (line) => lines.push(line)) });
  try {
    const transport = nodemailer.createTransport({ host: sandbox.smtp!.host, port: sandbox.smtp!.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'app@example.com', to: ['a@example.com', 'b@example.com'] }, from: 'app@example.com', to: 'a@example.com', subject: 'logged', text: 'x' });
    const message = await sandbox.waitForMessage({ subject: 'logged' }, { timeout: 5000 });
    return { lines, id: message.id, size: message.size };
  } finally {
    await sandbox.close();
  }
}

describe('the log of accepted mail', () => {
  it('pretty: one INFO line naming id, from, to and size', async () => {
    const { lines, id, size } = await sendAndCollect('pretty');
    const accepted = lines.filter((line) => line.includes('message accepted'));
    expect(accepted).toEqual([`INFO  [smtp] message accepted id=${id} from=app@example.com to=a@example.com,b@example.com size=${size}`]);
  });

  it('json: one object per line with the same fields', async () => {
    const { lines, id, size } = await sendAndCollect('json');
    const accepted = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.message === 'message accepted');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ level: 'info', component: 'smtp', id, from: 'app@example.com', to: ['a@example.com', 'b@example.com'], size });
    expect(Date.parse(accepted[0].time as string)).not.toBeNaN();
  });
});
