// Free-text search, sent to the server as q once typing pauses.
import { useEffect, useRef } from 'preact/hooks';
import { filter } from '../state.ts';

const DEBOUNCE_MS = 250;

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
      placeholder="Search from, to, subject, text"
      aria-label="Search messages"
      onInput={(event) => onInput(event.currentTarget.value)}
    />
  );
}
