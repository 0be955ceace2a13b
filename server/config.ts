// Every option in one table: flag, environment variable, default, help. loadConfig() reads argv and
// env against it and returns a frozen Config, or throws ConfigError naming the option and what is allowed.
import { readFileSync, statSync } from 'node:fs';
import { parseFaultRule } from './faults/parse.ts';
import { FaultRuleError } from './faults/rule.ts';
import { parseSize } from './size.ts';

export type PortSetting = number | null; // null = listener off
export type SmtpAuthMode = 'any' | 'required';
export type LogFormat = 'pretty' | 'json';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface UserCredential {
  user: string;
  password: string;
}

export interface Config {
  host: string;
  smtpPort: PortSetting;
  httpPort: PortSetting;
  imapPort: PortSetting;
  pop3Port: PortSetting;
  smtpsPort: PortSetting;
  imapsPort: PortSetting;
  pop3sPort: PortSetting;
  maxMessages: number;
  maxBytes: number;
  maxMessageSize: number;
  smtpAuth: SmtpAuthMode;
  /** IMAP and POP3 logins: `any` accepts every password, `required` checks `users`. */
  mailAuth: SmtpAuthMode;
  users: UserCredential[];
  smtpGreetingDelay: number;
  pop3Delete: boolean;
  pop3MarkSeen: boolean;
  tlsCert: string | null;
  tlsKey: string | null;
  tlsSelfSigned: boolean;
  /** IMAP and POP3 refuse logins on a connection that is not encrypted yet. */
  tlsRequired: boolean;
  /** `user+tag@domain` recipients tag their mail `tag`, as Mailpit's --tags-plus-addressing does. */
  tagsPlusAddressing: boolean;
  logFormat: LogFormat;
  logLevel: LogLevel;
  /** Open connections each of SMTP, IMAP and POP3 accepts (per listener). */
  maxConnections: number;
  /** Open connections one client address may hold on one listener; below maxConnections. */
  maxConnectionsPerIp: number;
  /** ms from connect to a login (IMAP/POP3) or a first MAIL FROM (SMTP); stray bytes do not extend it. */
  loginTimeout: number;
  /** RCPT TO accepted in one SMTP transaction; more get 452. */
  maxRecipients: number;
  /** ms SIGTERM/close() lets a transfer in flight finish before the client is told 421/BYE/-ERR and cut. */
  shutdownGrace: number;
  /** Origins (scheme://host:port) whose pages may use the API and the event stream, with CORS headers. */
  corsOrigins: string[];
  /** Host names a browser may use besides localhost, IP literals and --host; `.example.test` includes subdomains. */
  allowedHosts: string[];
  /** Basic auth on the UI, the REST API and the WebSocket; empty = open. */
  uiAuth: UserCredential[];
  /** Basic auth on /metrics; empty = open. */
  metricsAuth: UserCredential[];
  /** Fault rules in the grammar of server/faults/parse.ts, checked at start-up. */
  faults: string[];
  /** Where released mail goes: smtp://[user:pass@]host:port or smtps://...; null = no release. */
  relay: string | null;
  /** Globs a released message's recipients must match; empty = any recipient. */
  relayAllow: string[];
  /** URLs that get a POST with each new message's summary. */
  webhooks: string[];
  /** Milliseconds a webhook waits after the message arrived before it is sent. */
  webhookDelay: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Parser<T> = (value: string) => T;

interface Option<K extends keyof Config = keyof Config> {
  key: K;
  flag: string;
  env: string;
  default: Config[K];
  /** What the value may be, for --help and error lines. */
  allowed: string;
  help: string;
  parse: Parser<Config[K]>;
  /** A flag that takes no value (`--tls-self-signed` means true). */
  boolean?: boolean;
  /** The value may hold a password: an error never repeats it. */
  secret?: boolean;
  /** The flag may be given more than once; each value adds one entry (the env holds entries split by this). */
  repeatable?: { envSeparator: string };
  /** The parser's ConfigError is a whole sentence naming the value: it is shown as it is. */
  explains?: boolean;
}

function fail(allowed: string): never {
  throw new ConfigError(allowed);
}

const port: Parser<PortSetting> = (v) => {
  if (v === 'off') return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : fail('a port 0-65535 or "off"');
};

const positiveInt: Parser<number> = (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : fail('a whole number above 0');
};

const nonNegativeInt: Parser<number> = (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : fail('a whole number, 0 or more');
};

const bytes: Parser<number> = (v) => parseSize(v) ?? fail('a size such as 1048576, 512k, 25m or 1g');

const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (v) =>
    values.includes(v as T) ? (v as T) : fail(`one of ${values.join(', ')}`);

const bool: Parser<boolean> = (v) => {
  if (['on', 'true', 'yes', '1'].includes(v)) return true;
  if (['off', 'false', 'no', '0'].includes(v)) return false;
  return fail('on or off');
};

const users: Parser<UserCredential[]> = (v) =>
  v
    .split(',')
    .filter((entry) => entry.trim())
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) fail('a list user:password,user2:password2');
      return { user: entry.slice(0, colon).trim(), password: entry.slice(colon + 1) };
    });

const list = <T>(each: Parser<T>): Parser<T[]> => (v) => v.split(',').map((entry) => entry.trim()).filter(Boolean).map(each);

const corsOrigin: Parser<string> = (v) => {
  const url = URL.canParse(v) ? new URL(v) : null;
  const bare = url && ['http:', 'https:'].includes(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !url.username;
  return bare ? url.origin : fail('origins such as http://localhost:3000 (scheme, host and port; no path, no *)');
};

const hostName: Parser<string> = (v) => {
  const name = v.toLowerCase().replace(/^\*\./, '.');
  return /^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name)
    ? name
    : fail('host names such as mail.example.test or .example.test (subdomains too); no port');
};

function credentialLine(line: string, where: string): UserCredential {
  const colon = line.indexOf(':');
  if (colon <= 0 || colon === line.length - 1) fail(`user:password${where}`);
  return { user: line.slice(0, colon), password: line.slice(colon + 1) };
}

/** `user:password`, or the path of a file with one `user:password` a line (# comments and blank lines skipped). */
const credentialsOrFile: Parser<UserCredential[]> = (v) => {
  if (!isFile(v)) return [credentialLine(v, ', or a file of user:password lines')];
  const entries = readFileSync(v, 'utf8')
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line && !line.startsWith('#'))
    .map(({ line, number }) => credentialLine(line, ` lines in the file (line ${number} is not)`));
  return entries.length ? entries : fail('a file with at least one user:password line');
};

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const faultRule: Parser<string[]> = (v) => {
  try {
    return [parseFaultRule(v).source];
  } catch (err) {
    throw err instanceof FaultRuleError ? new ConfigError(err.message) : err;
  }
};

const relayUrl: Parser<string | null> = (v) => {
  const url = URL.canParse(v) ? new URL(v) : null;
  const ok = url && ['smtp:', 'smtps:'].includes(url.protocol) && url.hostname && (url.pathname === '' || url.pathname === '/') && !url.search;
  return ok ? v : fail('smtp://[user:pass@]host:port or smtps://[user:pass@]host:port');
};

const recipientGlob: Parser<string[]> = (v) => (v.trim() ? [v.trim()] : fail('a recipient glob such as *@example.test'));

const webhookUrl: Parser<string[]> = (v) => {
  const url = URL.canParse(v) ? new URL(v) : null;
  return url && ['http:', 'https:'].includes(url.protocol) ? [v] : fail('an http:// or https:// URL');
};

const text: Parser<string> = (v) => (v ? v : fail('a non-empty value'));
const path: Parser<string | null> = (v) => (v ? v : fail('a file path'));

function option<K extends keyof Config>(o: Option<K>): Option<K> {
  return o;
}

export const OPTIONS: Option[] = [
  option({ key: 'host', flag: '--host', env: 'MAILSANDBOX_HOST', default: '127.0.0.1', allowed: 'an address', help: 'Address every listener binds to (0.0.0.0 in the container)', parse: text }),
  option({ key: 'smtpPort', flag: '--smtp-port', env: 'MAILSANDBOX_SMTP_PORT', default: 1025, allowed: 'port|off', help: 'SMTP port (0 = ephemeral, off = disabled)', parse: port }),
  option({ key: 'httpPort', flag: '--http-port', env: 'MAILSANDBOX_HTTP_PORT', default: 8025, allowed: 'port|off', help: 'HTTP port for the UI, REST API and WebSocket', parse: port }),
  option({ key: 'imapPort', flag: '--imap-port', env: 'MAILSANDBOX_IMAP_PORT', default: 1143, allowed: 'port|off', help: 'IMAP port (STARTTLS offered when TLS is configured)', parse: port }),
  option({ key: 'pop3Port', flag: '--pop3-port', env: 'MAILSANDBOX_POP3_PORT', default: 1110, allowed: 'port|off', help: 'POP3 port (STLS offered when TLS is configured)', parse: port }),
  option({ key: 'smtpsPort', flag: '--smtps-port', env: 'MAILSANDBOX_SMTPS_PORT', default: null, allowed: 'port|off', help: 'Implicit-TLS SMTP port, the 465 convention (needs TLS)', parse: port }),
  option({ key: 'imapsPort', flag: '--imaps-port', env: 'MAILSANDBOX_IMAPS_PORT', default: null, allowed: 'port|off', help: 'Implicit-TLS IMAP port (needs TLS)', parse: port }),
  option({ key: 'pop3sPort', flag: '--pop3s-port', env: 'MAILSANDBOX_POP3S_PORT', default: null, allowed: 'port|off', help: 'Implicit-TLS POP3 port (needs TLS)', parse: port }),
  option({ key: 'maxMessages', flag: '--max-messages', env: 'MAILSANDBOX_MAX_MESSAGES', default: 5000, allowed: 'number', help: 'Messages kept before the oldest are evicted', parse: positiveInt }),
  option({ key: 'maxBytes', flag: '--max-bytes', env: 'MAILSANDBOX_MAX_BYTES', default: 512 * 1024 ** 2, allowed: 'size', help: 'Total raw bytes kept before the oldest are evicted', parse: bytes }),
  option({ key: 'maxMessageSize', flag: '--max-message-size', env: 'MAILSANDBOX_MAX_MESSAGE_SIZE', default: 25 * 1024 ** 2, allowed: 'size', help: 'Largest message SMTP accepts (SIZE; bigger gets 552)', parse: bytes }),
  option({ key: 'smtpAuth', flag: '--smtp-auth', env: 'MAILSANDBOX_SMTP_AUTH', default: 'any', allowed: 'any|required', help: 'any: accept any credentials or none; required: AUTH with --users', parse: oneOf('any', 'required') }),
  option({ key: 'mailAuth', flag: '--mail-auth', env: 'MAILSANDBOX_MAIL_AUTH', default: 'any', allowed: 'any|required', help: 'IMAP/POP3 logins: any password, or only --users', parse: oneOf('any', 'required') }),
  option({ key: 'users', flag: '--users', env: 'MAILSANDBOX_USERS', default: [], allowed: 'user:pass,...', help: 'Credentials checked when auth is required', parse: users }),
  option({ key: 'smtpGreetingDelay', flag: '--smtp-greeting-delay', env: 'MAILSANDBOX_SMTP_GREETING_DELAY', default: 0, allowed: 'ms', help: 'Wait before the SMTP greeting (smtp-server’s early-talker check uses 100)', parse: nonNegativeInt }),
  option({ key: 'pop3Delete', flag: '--pop3-delete', env: 'MAILSANDBOX_POP3_DELETE', default: true, allowed: 'on|off', help: 'off: DELE answers +OK but mail is kept (for suites that re-read)', parse: bool }),
  option({ key: 'pop3MarkSeen', flag: '--pop3-mark-seen', env: 'MAILSANDBOX_POP3_MARK_SEEN', default: true, allowed: 'on|off', help: 'RETR marks the message \\Seen', parse: bool }),
  option({ key: 'tlsCert', flag: '--tls-cert', env: 'MAILSANDBOX_TLS_CERT', default: null, allowed: 'path', help: 'PEM certificate for STARTTLS/STLS and the implicit-TLS ports', parse: path }),
  option({ key: 'tlsKey', flag: '--tls-key', env: 'MAILSANDBOX_TLS_KEY', default: null, allowed: 'path', help: 'PEM private key for --tls-cert', parse: path }),
  option({ key: 'tlsSelfSigned', flag: '--tls-self-signed', env: 'MAILSANDBOX_TLS_SELF_SIGNED', default: false, allowed: 'on|off', help: 'Generate a self-signed certificate at start-up', parse: bool, boolean: true }),
  option({ key: 'tlsRequired', flag: '--tls-required', env: 'MAILSANDBOX_TLS_REQUIRED', default: false, allowed: 'on|off', help: 'IMAP/POP3 refuse logins until STARTTLS/STLS (LOGINDISABLED); needs TLS', parse: bool, boolean: true }),
  option({ key: 'tagsPlusAddressing', flag: '--tags-plus-addressing', env: 'MAILSANDBOX_TAGS_PLUS_ADDRESSING', default: false, allowed: 'on|off', help: 'Tag mail sent to user+tag@domain with the keyword tag (X-Tags is always read)', parse: bool, boolean: true }),
  option({ key: 'maxConnections', flag: '--max-connections', env: 'MAILSANDBOX_MAX_CONNECTIONS', default: 500, allowed: 'number', help: 'Open connections each of SMTP, IMAP and POP3 accepts; more are refused (421, * BYE, -ERR [SYS/TEMP])', parse: positiveInt }),
  option({ key: 'maxConnectionsPerIp', flag: '--max-connections-per-ip', env: 'MAILSANDBOX_MAX_CONNECTIONS_PER_IP', default: 100, allowed: 'number', help: 'Open connections one client address may hold on each of those listeners', parse: positiveInt }),
  option({ key: 'loginTimeout', flag: '--login-timeout', env: 'MAILSANDBOX_LOGIN_TIMEOUT', default: 30_000, allowed: 'ms', help: 'From connect to IMAP/POP3 login or the first SMTP MAIL FROM; not extended by traffic', parse: positiveInt }),
  option({ key: 'maxRecipients', flag: '--max-recipients', env: 'MAILSANDBOX_MAX_RECIPIENTS', default: 1000, allowed: 'number', help: 'RCPT TO per SMTP transaction (RFC 5321 asks for at least 100); more get 452', parse: positiveInt }),
  option({ key: 'shutdownGrace', flag: '--shutdown-grace', env: 'MAILSANDBOX_SHUTDOWN_GRACE', default: 5_000, allowed: 'ms', help: 'On SIGTERM, how long a transfer in flight may finish before its client is told and cut', parse: nonNegativeInt }),
  option({ key: 'logFormat', flag: '--log-format', env: 'MAILSANDBOX_LOG_FORMAT', default: 'pretty', allowed: 'pretty|json', help: 'Log lines for people or for machines', parse: oneOf('pretty', 'json') }),
  option({ key: 'logLevel', flag: '--log-level', env: 'MAILSANDBOX_LOG_LEVEL', default: 'info', allowed: 'debug|info|warn|error|silent', help: 'Least severe log level printed', parse: oneOf('debug', 'info', 'warn', 'error', 'silent') }),
  option({ key: 'corsOrigins', flag: '--cors-origin', env: 'MAILSANDBOX_CORS_ORIGIN', default: [], allowed: 'origin,...', help: 'Pages on these origins may call the API and open the event stream (CORS)', parse: list(corsOrigin) }),
  option({ key: 'allowedHosts', flag: '--allowed-hosts', env: 'MAILSANDBOX_ALLOWED_HOSTS', default: [], allowed: 'host,...', help: 'Host names a browser may use, besides localhost, IPs and --host (.example.test: subdomains too)', parse: list(hostName) }),
  option({ key: 'uiAuth', flag: '--ui-auth', env: 'MAILSANDBOX_UI_AUTH', default: [], allowed: 'user:pass|file', help: 'Basic auth on the UI, REST API and WebSocket (health stays open); a file holds user:password lines', parse: credentialsOrFile, secret: true }),
  option({ key: 'metricsAuth', flag: '--metrics-auth', env: 'MAILSANDBOX_METRICS_AUTH', default: [], allowed: 'user:pass|file', help: 'Basic auth on /metrics (open without it)', parse: credentialsOrFile, secret: true }),
  option({ key: 'faults', flag: '--fault', env: 'MAILSANDBOX_FAULTS', default: [], allowed: 'rule', help: 'A fault rule, e.g. rcpt=bounce@*:reject=550 (repeatable; env: rules split by ;); see docs/faults.md', parse: faultRule, repeatable: { envSeparator: ';' }, explains: true }),
  option({ key: 'relay', flag: '--relay', env: 'MAILSANDBOX_RELAY', default: null, allowed: 'smtp-url', help: 'Where released mail goes: smtp://[user:pass@]host:port (STARTTLS when offered) or smtps://...', parse: relayUrl, secret: true }),
  option({ key: 'relayAllow', flag: '--relay-allow', env: 'MAILSANDBOX_RELAY_ALLOW', default: [], allowed: 'glob', help: 'Recipients a release may go to, e.g. *@example.test (repeatable; env: split by ,); none = any', parse: recipientGlob, repeatable: { envSeparator: ',' } }),
  option({ key: 'webhooks', flag: '--webhook', env: 'MAILSANDBOX_WEBHOOK', default: [], allowed: 'url', help: "POST each new message's summary as JSON to this URL (repeatable; env: split by space)", parse: webhookUrl, repeatable: { envSeparator: ' ' } }),
  option({ key: 'webhookDelay', flag: '--webhook-delay', env: 'MAILSANDBOX_WEBHOOK_DELAY', default: 0, allowed: 'ms', help: 'Wait this long after a message arrives before its webhooks are sent', parse: nonNegativeInt }),
];

export const DEFAULTS: Config = Object.freeze(
  Object.fromEntries(OPTIONS.map((o) => [o.key, o.default])) as unknown as Config,
);

function parseWith(o: Option, raw: string, source: string): Config[keyof Config] {
  try {
    return o.parse(raw);
  } catch (err) {
    if (err instanceof ConfigError && o.explains) throw new ConfigError(`${source}: ${err.message}`);
    if (err instanceof ConfigError) throw new ConfigError(`${source}: ${o.secret ? 'the value' : `"${raw}"`} is not valid; expected ${err.message}`);
    throw err;
  }
}

export type CliAction = { kind: 'run'; config: Config } | { kind: 'help' } | { kind: 'version' };

/** Reads options from env first, then argv (argv wins). Unknown flags are errors. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = {}): CliAction {
  const values: Partial<Record<keyof Config, unknown>> = {};
  for (const o of OPTIONS) {
    const raw = env[o.env];
    if (raw === undefined || raw === '') continue;
    values[o.key] = o.repeatable
      ? raw.split(o.repeatable.envSeparator).filter((entry) => entry.trim()).flatMap((entry) => parseWith(o, entry, o.env) as unknown[])
      : parseWith(o, raw, o.env);
  }
  /** A repeatable flag on the command line replaces its env entries, and its repeats add up. */
  const repeated = new Set<keyof Config>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--version' || arg === '-v') return { kind: 'version' };
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const o = OPTIONS.find((candidate) => candidate.flag === flag);
    if (!o) throw new ConfigError(`unknown option ${arg}; see --help`);
    let raw: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (raw === undefined && o.boolean && (argv[i + 1] === undefined || argv[i + 1].startsWith('--'))) raw = 'on';
    if (raw === undefined) {
      raw = argv[++i];
      if (raw === undefined) throw new ConfigError(`${flag} needs a value: ${o.allowed}`);
    }
    const value = parseWith(o, raw, flag);
    if (o.repeatable) {
      const earlier = repeated.has(o.key) ? (values[o.key] as unknown[]) : [];
      repeated.add(o.key);
      values[o.key] = [...earlier, ...(value as unknown[])];
    } else values[o.key] = value;
  }
  return { kind: 'run', config: resolveConfig(values as Partial<Config>) };
}

/** Fills defaults and checks options against each other. */
export function resolveConfig(overrides: Partial<Config> = {}): Config {
  const config: Config = { ...DEFAULTS, ...overrides };
  if (config.smtpAuth === 'required' && !config.users.length)
    throw new ConfigError('--smtp-auth required needs --users user:password,...');
  if (config.mailAuth === 'required' && !config.users.length)
    throw new ConfigError('--mail-auth required needs --users user:password,...');
  if ((config.tlsCert === null) !== (config.tlsKey === null))
    throw new ConfigError('--tls-cert and --tls-key go together');
  const hasTls = config.tlsCert !== null || config.tlsSelfSigned;
  if ((config.smtpsPort !== null || config.imapsPort !== null || config.pop3sPort !== null) && !hasTls)
    throw new ConfigError('--smtps-port, --imaps-port and --pop3s-port need --tls-cert/--tls-key or --tls-self-signed');
  if (config.maxConnectionsPerIp > config.maxConnections)
    throw new ConfigError('--max-connections-per-ip must not be above --max-connections');
  if (config.tlsRequired && !hasTls) throw new ConfigError('--tls-required needs --tls-cert/--tls-key or --tls-self-signed');
  return Object.freeze(config);
}

export function helpText(version: string): string {
  const rows = OPTIONS.map((o) => {
    const shown = o.default === null || o.default === false ? 'off' : o.default === true ? 'on' : Array.isArray(o.default) ? 'none' : String(o.default);
    return [`  ${o.flag} <${o.allowed}>`, `${o.help} [default: ${shown}] (${o.env})`];
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    `mailsandbox ${version} — a local mail sandbox: SMTP in; HTTP/UI, IMAP and POP3 out; all in memory.`,
    '',
    'Usage: mailsandbox [options]',
    '       mailsandbox healthcheck [options]   exit 0 if the server these options describe answers /api/v1/health, else 1',
    '',
    'Options (each may also be set by its environment variable):',
    ...rows.map(([left, right]) => left.padEnd(width) + right),
    '  --help, -h'.padEnd(width) + 'Show this help',
    '  --version, -v'.padEnd(width) + 'Show the version',
  ].join('\n');
}
