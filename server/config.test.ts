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

  it('parses users and requires them when auth is required', () => {
    expect(run(['--smtp-auth', 'required', '--users', 'app:secret,qa:p:w']).users).toEqual([
      { user: 'app', password: 'secret' },
      { user: 'qa', password: 'p:w' },
    ]);
    expect(() => run(['--smtp-auth', 'required'])).toThrow(/needs --users/);
    expect(() => run(['--tls-required'])).toThrow('--tls-required needs --tls-cert/--tls-key or --tls-self-signed');
    expect(run(['--tls-required', '--tls-self-signed'])).toMatchObject({ tlsRequired: true, tlsSelfSigned: true });
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
