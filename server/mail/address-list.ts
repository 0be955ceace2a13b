// RFC 5322 address lists read leniently, values kept as written (encoded-words stay encoded):
// mailboxes, groups, source routes, and a comment as the name when there is no phrase. Shaped for
// IMAP's ENVELOPE; a single pass over the characters, since FETCH ENVELOPE runs it for every message.

/** A mailbox as lists and the UI show it: display name decoded, address as `local@domain`. */
export interface Address {
  name: string;
  address: string;
}

export type AddressItem =
  | { kind: 'mailbox'; name: string | null; route: string | null; local: string; domain: string | null }
  | { kind: 'group'; name: string }
  | { kind: 'group-end' };

type Token =
  | { type: 'word'; text: string; quoted: boolean }
  | { type: 'comment'; text: string }
  | { type: 'special'; char: string };

const SPECIALS = new Set(['<', '>', '@', ',', ':', ';']);

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < value.length; ) {
    const char = value[i];
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      i++;
    } else if (char === '"') {
      let text = '';
      for (i++; i < value.length && value[i] !== '"'; i++) {
        if (value[i] === '\\' && i + 1 < value.length) i++;
        text += value[i];
      }
      i++;
      tokens.push({ type: 'word', text, quoted: true });
    } else if (char === '(') {
      let depth = 0;
      let text = '';
      for (; i < value.length; i++) {
        const c = value[i];
        if (c === '\\' && i + 1 < value.length) text += value[++i];
        else if (c === '(' && depth++ === 0) continue;
        else if (c === ')' && --depth === 0) break;
        else text += c;
      }
      i++;
      tokens.push({ type: 'comment', text: text.trim() });
    } else if (SPECIALS.has(char)) {
      tokens.push({ type: 'special', char });
      i++;
    } else {
      const start = i;
      if (char === '[') {
        const close = value.indexOf(']', i);
        i = close === -1 ? value.length : close + 1;
      } else {
        while (i < value.length && !isBreak(value[i])) i++;
      }
      tokens.push({ type: 'word', text: value.slice(start, i), quoted: false });
    }
  }
  return tokens;
}

function isBreak(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n' || char === '"' || char === '(' || SPECIALS.has(char);
}

/** The mailbox being read: its phrase, what was inside <>, or the bare address words. */
class Pending {
  phrase: string[] = [];
  angle: string[] | null = null;
  bare: string[] = [];
  comment: string | null = null;

  take(): AddressItem | null {
    const addressWords = this.angle ?? this.bare;
    let address = addressWords.join('');
    const phrase = this.angle ? this.phrase.join(' ') : '';
    const name = phrase || this.comment || null;
    this.phrase = [];
    this.angle = null;
    this.bare = [];
    this.comment = null;
    if (!address) return null;
    let route: string | null = null;
    const colon = address.indexOf(':');
    if (address.startsWith('@') && colon !== -1) {
      route = address.slice(0, colon);
      address = address.slice(colon + 1);
    }
    const at = address.lastIndexOf('@');
    return at === -1
      ? { kind: 'mailbox', name, route, local: address, domain: null }
      : { kind: 'mailbox', name, route, local: address.slice(0, at), domain: address.slice(at + 1) };
  }
}

export function parseAddressList(value: string): AddressItem[] {
  const items: AddressItem[] = [];
  const pending = new Pending();
  let inGroup = false;
  let inAngle = false;
  const flush = () => {
    const item = pending.take();
    if (item) items.push(item);
  };
  for (const token of tokenize(value)) {
    if (token.type === 'comment') {
      // Only a comment after an address names it (`a@b (Name)`); one before it is just a comment.
      if (pending.bare.length || pending.angle) pending.comment ??= token.text || null;
    } else if (token.type === 'word') {
      if (inAngle) pending.angle!.push(token.text);
      else pending.bare.push(token.text), pending.phrase.push(token.text);
    } else if (inAngle) {
      if (token.char === '>') inAngle = false;
      else pending.angle!.push(token.char === ',' || token.char === ':' || token.char === '@' ? token.char : '');
    } else if (token.char === '<') {
      inAngle = true;
      pending.angle = [];
    } else if (token.char === '@') {
      pending.bare.push('@');
    } else if (token.char === ':' && !inGroup && pending.angle === null) {
      // The words so far name a group.
      items.push({ kind: 'group', name: pending.phrase.join(' ') });
      pending.phrase = [];
      pending.bare = [];
      pending.comment = null;
      inGroup = true;
    } else if (token.char === ',') {
      flush();
    } else if (token.char === ';' && inGroup) {
      flush();
      items.push({ kind: 'group-end' });
      inGroup = false;
    }
  }
  flush();
  if (inGroup) items.push({ kind: 'group-end' });
  return items;
}
