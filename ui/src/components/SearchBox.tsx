// The search box speaks the server's one search language (Mailpit's syntax), sent as q once typing pauses.
import { useEffect, useRef } from 'preact/hooks';
import { filter } from '../state.ts';

const DEBOUNCE_MS = 250;
const SYNTAX = [
  'Words are ANDed; "quoted phrase"',
  'from: to: cc: bcc: reply-to: addressed: subject: message-id: tag:',
  'is:read is:unread is:tagged has:attachment has:inline',
  'before:2024-03-01 after:2024-03-01 larger:100k smaller:1m',
  '- or ! in front negates: -from:noreply',
].join('\n');

export function SearchBox() {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onInput = (value: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => (filter.value = { ...filter.value, q: value.trim() }), DEBOUNCE_MS);
  };
  return (
    <input
      class="search"
      type="search"
      placeholder="Search: words, from:, tag:, is:unread…"
      title={SYNTAX}
      aria-label="Search messages"
      onInput={(event) => onInput(event.currentTarget.value)}
    />
  );
}
