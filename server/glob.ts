// Patterns (fault rules, --relay-allow) are globs: `*` any run of characters, `?` one character, everything else literal,
// compared without regard to case and against the whole value.

export function globToRegExp(pattern: string): RegExp {
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'is');
}
