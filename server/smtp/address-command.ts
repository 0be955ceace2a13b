// smtp-server parses every MAIL FROM and RCPT TO with a chain of splits, joins, regexes and a
// punycode pass over the domain; on small mail that is the library's largest cost per message.
// This answers the common form itself: the verb as smtp-server expects it, directly followed by
// `<local@domain>` (or `<>`) in printable ASCII that passes every check the library makes, and
// optionally plain KEY=value parameters. The answer is the one the library would give; anything
// else (source routes, IP literals, punycode labels, xtext, odd spacing, non-ASCII, postmaster
// without a domain) goes to the library's own method, unchanged. smtp-server is pinned exactly
// because of this; test/smtp-address-command.test.ts compares the two on generated commands.
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';

/** What smtp-server returns for a parsed MAIL FROM or RCPT TO, or false for a syntax error. */
export type ParsedAddressCommand = false | { address: string; args: false | Record<string, string | true>; duplicate?: string };

export type ParseAddressCommand = (this: unknown, rawName: unknown, rawCommand: unknown) => ParsedAddressCommand;

// The address: a local part and a domain with no character the library treats specially, or empty.
const COMMON_FORM = /^<(?:([!-9;=?A-~]+)@([A-Za-z0-9.-]+))?>((?: +[A-Za-z0-9-]+(?:=[!-*,-~]*)?)*)$/;
const PARAMETER = / +([A-Za-z0-9-]+)(?:=([!-*,-~]*))?/g;
/** Domain forms the library refuses (`..`, `.-`, `-.`) or rewrites (punycode labels). */
const DOMAIN_NOT_PLAIN = /\.\.|\.-|-\.|xn--/i;
/** The path limit the library enforces (RFC 5321 4.5.3.1.3): local-part@domain within 253 octets. */
const MAX_PATH = 253;

/** The fast answer for the common form; undefined where the library's own method must decide. */
export function parseCommonAddressCommand(name: string, command: string): ParsedAddressCommand | undefined {
  if (command.length <= name.length || command.charCodeAt(name.length) !== 0x3a) return undefined;
  if (command.slice(0, name.length).toUpperCase() !== name) return undefined;
  const form = COMMON_FORM.exec(command.slice(name.length + 1));
  if (!form) return undefined;
  const [, local, domain, parameters] = form;
  let address = '';
  if (local !== undefined) {
    if (local.length + 1 + domain.length > MAX_PATH) return undefined;
    if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
    if (domain.startsWith('.') || domain.endsWith('.') || DOMAIN_NOT_PLAIN.test(domain)) return undefined;
    address = `${local}@${domain}`;
  }
  if (!parameters) return { address, args: false };
  const args: Record<string, string | true> = {};
  let duplicate: string | undefined;
  for (const [, key, value] of parameters.matchAll(PARAMETER)) {
    const upper = key.toUpperCase();
    if (Object.hasOwn(args, upper)) duplicate = upper;
    args[upper] = value || true;
  }
  return duplicate === undefined ? { address, args } : { address, args, duplicate };
}

interface ConnectionInternals {
  _parseAddressCommand: ParseAddressCommand;
}

const NAMES = new Map([
  ['mail from', 'MAIL FROM'],
  ['rcpt to', 'RCPT TO'],
]);

let installed = false;

export function installAddressCommandParser(): void {
  if (installed) return;
  installed = true;
  const prototype = SMTPConnection.prototype as unknown as ConnectionInternals;
  const library = prototype._parseAddressCommand;
  prototype._parseAddressCommand = function parseAddressCommand(rawName, rawCommand) {
    const name = typeof rawName === 'string' ? NAMES.get(rawName) : undefined;
    const common = name && rawCommand ? parseCommonAddressCommand(name, rawCommand.toString()) : undefined;
    return common ?? library.call(this, rawName, rawCommand);
  };
}
