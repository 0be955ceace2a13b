// The one parser of the fault grammar, used by --fault, MAILSANDBOX_FAULTS, the API and start():
//   [smtp:|imap:|pop3:]KEY=PATTERN:ACTION[=ARG][,rate=P][,seed=N][,times=N][,text=...]
// SMTP's size key compares instead: size>1m:reject=552. Errors name the rule and what is wrong.
import { parseSize } from '../size.ts';
import { globToRegExp } from '../glob.ts';
import { FaultRuleError, type FaultAction, type FaultMatch, type FaultProtocol, type FaultRule, type Pop3FaultCode } from './rule.ts';

const KEYS: Record<FaultProtocol, readonly string[]> = {
  smtp: ['connect', 'helo', 'auth', 'from', 'rcpt', 'size', 'header:<Name>'],
  imap: ['login', 'command'],
  pop3: ['login', 'command'],
};

const ACTIONS: Record<FaultProtocol, readonly string[]> = {
  smtp: ['reject=CODE', 'delay=MS', 'drop', 'discard'],
  imap: ['no=CODE', 'bad', 'bye', 'delay=MS', 'drop'],
  pop3: ['err[=CODE]', 'delay=MS', 'drop'],
};

const POP3_CODES: readonly Pop3FaultCode[] = ['IN-USE', 'SYS/TEMP', 'SYS/PERM', 'AUTH', 'LOGIN-DELAY'];
/** A delay longer than this is a hang; `drop` or a client timeout says that better. */
const MAX_DELAY_MS = 10 * 60_000;
const MODIFIER_SPLIT = /,(?=\s*(?:rate|seed|times|text)\s*=)/i;

export function parseFaultRule(text: string): FaultRule {
  const source = text.trim();
  const fail = (what: string): never => {
    throw new FaultRuleError(`fault rule "${source}": ${what}`);
  };
  if (!source) fail('empty rule');
  const prefix = /^(smtp|imap|pop3):/i.exec(source);
  const protocol = (prefix ? prefix[1].toLowerCase() : 'smtp') as FaultProtocol;
  const [head, ...modifiers] = source.slice(prefix ? prefix[0].length : 0).split(MODIFIER_SPLIT);

  const size = /^size\s*([<>])\s*([^:]*):(.*)$/i.exec(head);
  const keyed = size ? null : /^(header:[^=:]+|[a-z]+)=(.*):([^:]*)$/i.exec(head);
  if (!size && !keyed) fail(`expected KEY=PATTERN:ACTION (keys for ${protocol}: ${KEYS[protocol].join(', ')})`);

  let key: string;
  let match: FaultMatch;
  let actionText: string;
  if (size) {
    if (protocol !== 'smtp') fail(`size is an SMTP key; ${protocol} has ${KEYS[protocol].join(', ')}`);
    const bytes = parseSize(size[2]);
    if (bytes === null) fail(`"${size[2]}" is not a size (such as 512k, 25m, 1g)`);
    key = 'size';
    match = { kind: 'size', op: size[1] as '>' | '<', bytes: bytes! };
    actionText = size[3];
  } else {
    const [, rawKey, pattern, action] = keyed!;
    key = rawKey.toLowerCase();
    const known = key.startsWith('header:') ? protocol === 'smtp' && key.length > 7 : KEYS[protocol].includes(key) && key !== 'size';
    if (!known) fail(`unknown key "${rawKey}" for ${protocol} (expected ${KEYS[protocol].join(', ')}${key === 'size' ? '; size compares: size>1m' : ''})`);
    if (!pattern) fail('the pattern is empty (use * to match everything)');
    match = { kind: 'glob', pattern, regex: globToRegExp(pattern) };
    actionText = action;
  }

  const mods = parseModifiers(modifiers, fail);
  const action = parseAction(protocol, actionText.trim(), mods.text, fail);
  if (mods.text !== null && !('text' in action)) fail(`text= does not go with ${action.kind}`);
  return {
    source,
    protocol,
    key: key!,
    match: match!,
    action,
    rate: mods.rate ?? 1,
    seed: mods.seed,
    times: mods.times,
  };
}

interface Modifiers {
  rate: number | null;
  seed: number | null;
  times: number | null;
  text: string | null;
}

function parseModifiers(parts: string[], fail: (what: string) => never): Modifiers {
  const mods: Modifiers = { rate: null, seed: null, times: null, text: null };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim().toLowerCase() as keyof Modifiers;
    const value = part.slice(eq + 1).trim();
    if (mods[name] !== null) fail(`${name}= is given twice`);
    if (name === 'text') {
      if (!value || /[\r\n]/.test(value)) fail('text= must be one non-empty line');
      mods.text = value;
      continue;
    }
    const n = Number(value);
    if (name === 'rate' && !(value && n > 0 && n <= 1)) fail(`rate=${value}: expected a probability above 0, at most 1 (e.g. 0.5)`);
    if (name === 'seed' && !(value && Number.isInteger(n) && n >= 0 && n <= 0xffffffff)) fail(`seed=${value}: expected a whole number 0-4294967295`);
    if (name === 'times' && !(value && Number.isSafeInteger(n) && n > 0)) fail(`times=${value}: expected a whole number above 0`);
    mods[name] = n;
  }
  return mods;
}

function parseAction(protocol: FaultProtocol, text: string, message: string | null, fail: (what: string) => never): FaultAction {
  const eq = text.indexOf('=');
  const name = (eq === -1 ? text : text.slice(0, eq)).toLowerCase();
  const arg = eq === -1 ? null : text.slice(eq + 1).trim();
  const allowed = ACTIONS[protocol];
  if (!allowed.some((a) => a.replace(/[[=].*$/, '') === name)) fail(`unknown action "${text}" for ${protocol} (expected ${allowed.join(', ')})`);
  const noArg = () => {
    if (arg !== null) fail(`${name} takes no value`);
  };
  switch (name) {
    case 'reject': {
      if (!arg || !/^[45]\d\d$/.test(arg)) fail(`reject=${arg ?? ''}: expected an SMTP code 400-599 such as 550 or 451`);
      return { kind: 'reject', code: Number(arg), text: message };
    }
    case 'delay': {
      const ms = Number(arg);
      if (!arg || !Number.isSafeInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) fail(`delay=${arg ?? ''}: expected milliseconds 0-${MAX_DELAY_MS}`);
      return { kind: 'delay', ms };
    }
    case 'drop':
      noArg();
      return { kind: 'drop' };
    case 'discard':
      noArg();
      return { kind: 'discard' };
    case 'no': {
      if (arg !== null && !/^[A-Z0-9-]+$/i.test(arg)) fail(`no=${arg}: expected a response code such as OVERQUOTA, TRYCREATE or UNAVAILABLE`);
      return { kind: 'no', code: arg ? arg.toUpperCase() : null, text: message };
    }
    case 'bad':
      noArg();
      return { kind: 'bad', text: message };
    case 'bye':
      noArg();
      return { kind: 'bye', text: message };
    default: {
      const code = arg === null ? null : (POP3_CODES.find((c) => c === arg.toUpperCase()) ?? fail(`err=${arg}: expected one of ${POP3_CODES.join(', ')}`));
      return { kind: 'err', code, text: message };
    }
  }
}
