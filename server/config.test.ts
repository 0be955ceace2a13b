import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, helpText, OPTIONS, parseCli } from './config.ts';

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const action = parseCli(argv, env);
  if (action.kind !== 'run') throw new Error(`expected run, got ${action.kind}`);
  return action.config;
};

describe('parseCli', () => {
  it('uses the documented defaults', () => {
    expect(run([])).toMatchObject({ host: '127.0.0.1', smtpPort: 1025, httpPort: 8025, imapPort: 1143, pop3Port: 1110, smtpAuth: 'any' });
  });

  it('reads flags (both spellings) over env vars', () => {
    const config = run(['--smtp-port', '2525', '--http-port=0', '--imap-port', 'off'], { MAILSANDBOX_SMTP_PORT: '9999', MAILSANDBOX_MAX_BYTES: '64m' });
    expect(config).toMatchObject({ smtpPort: 2525, httpPort: 0, imapPort: null, maxBytes: 64 * 1024 * 1024 });
  });

  it('repeats --fault, --relay-allow and --webhook; env lists are split, and flags replace them', () => {
    expect(run([], { MAILSANDBOX_FAULTS: 'rcpt=a@*:drop; rcpt=b@*:reject=550;' }).faults).toEqual(['rcpt=a@*:drop', 'rcpt=b@*:reject=550']);
    const config = run(['--fault', 'rcpt=c@*:drop', '--fault=imap:command=APPEND:no=OVERQUOTA', '--relay-allow', '*@a.test', '--relay-allow', '*@b.test'], {
      MAILSANDBOX_FAULTS: 'rcpt=a@*:drop',
      MAILSANDBOX_WEBHOOK: 'http://127.0.0.1:9/a http://127.0.0.1:9/b',
    });
    expect(config.faults).toEqual(['rcpt=c@*:drop', 'imap:command=APPEND:no=OVERQUOTA']);
    expect(config.relayAllow).toEqual(['*@a.test', '*@b.test']);
    expect(config.webhooks).toEqual(['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b']);
    expect(() => run(['--relay', 'http://x'])).toThrow('--relay: the value is not valid; expected smtp://');
    expect(() => run(['--webhook', 'ftp://x'])).toThrow('--webhook: "ftp://x" is not valid');
  });

  it('parses users and requires them when auth is required', () => {
    expect(run(['--smtp-auth', 'required', '--users', 'app:secret,qa:p:w']).users).toEqual([
      { user: 'app', password: 'secret' },
      { user: 'qa', password: 'p:w' },
    ]);
    expect(() => run(['--smtp-auth', 'required'])).toThrow(/needs --users/);
    expect(() => run(['--tls-required'])).toThrow('--tls-required needs --tls-cert/--tls-key or --tls-self-signed');
    expect(run(['--tls-required', '--tls-self-signed'])).toMatchObject({ tlsRequired: true, tlsSelfSigned: true });
  });

  it('reads --ui-auth and --metrics-auth as user:password or a file of such lines', () => {
    expect(run(['--ui-auth', 'qa:pa:ss, word']).uiAuth).toEqual([{ user: 'qa', password: 'pa:ss, word' }]);
    const file = join(mkdtempSync(join(tmpdir(), 'mailsandbox-config-')), 'users');
    writeFileSync(file, '# team\r\nqa:one\r\n\r\nprometheus:two\r\n');
    expect(run([], { MAILSANDBOX_METRICS_AUTH: file }).metricsAuth).toEqual([
      { user: 'qa', password: 'one' },
      { user: 'prometheus', password: 'two' },
    ]);
    expect(() => run(['--ui-auth', 'nocolon'])).toThrow(new ConfigError('--ui-auth: the value is not valid; expected user:password, or a file of user:password lines'));
    expect(() => run(['--ui-auth', ':secret'])).toThrow(/expected user:password/);
    expect(() => run([], { MAILSANDBOX_UI_AUTH: 'qa:' })).toThrow(/MAILSANDBOX_UI_AUTH: the value is not valid/);
    writeFileSync(file, 'qa:one\nbroken\n');
    expect(() => run(['--ui-auth', file])).toThrow(/line 2 is not/);
    writeFileSync(file, '# nobody\n');
    expect(() => run(['--ui-auth', file])).toThrow(/at least one user:password line/);
  });

  it('reads --cors-origin as origins and --allowed-hosts as host names', () => {
    const config = run(['--cors-origin', 'http://localhost:3000, https://Dash.Example.test/', '--allowed-hosts', 'Mail.Test,*.dev.test,.lan']);
    expect(config.corsOrigins).toEqual(['http://localhost:3000', 'https://dash.example.test']);
    expect(config.allowedHosts).toEqual(['mail.test', '.dev.test', '.lan']);
    for (const bad of ['*', 'localhost:3000', 'http://localhost:3000/app', 'ftp://x']) expect(() => run(['--cors-origin', bad]), bad).toThrow(/--cors-origin/);
    for (const bad of ['mail.test:8025', 'http://mail.test', '*']) expect(() => run(['--allowed-hosts', bad]), bad).toThrow(/--allowed-hosts/);
  });

  it('names the option and what is allowed on a bad value', () => {
    expect(() => run(['--smtp-port', '70000'])).toThrow(new ConfigError('--smtp-port: "70000" is not valid; expected a port 0-65535 or "off"'));
    expect(() => run(['--log-format', 'xml'])).toThrow(/--log-format: "xml" is not valid; expected one of pretty, json/);
    expect(() => run([], { MAILSANDBOX_MAX_MESSAGES: '-1' })).toThrow(/MAILSANDBOX_MAX_MESSAGES/);
    expect(() => run(['--nope'])).toThrow(/unknown option --nope/);
    expect(() => run(['--host'])).toThrow(/--host needs a value/);
  });

  it('lists every option in --help', () => {
    expect(parseCli(['--help'])).toEqual({ kind: 'help' });
    const help = helpText('1.2.3');
    for (const o of OPTIONS) expect(help).toContain(o.flag);
    expect(Object.keys(DEFAULTS)).toHaveLength(OPTIONS.length);
  });
});
