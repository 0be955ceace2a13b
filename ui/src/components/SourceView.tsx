// The raw message, fetched when this tab is first shown for a message.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { getSource } from '../api.ts';

export function SourceView({ id }: { id: number }) {
  const source = useSignal<string | null>(null);
  const failed = useSignal<string | null>(null);
  useEffect(() => {
    let current = true;
    source.value = null;
    failed.value = null;
    getSource(id).then(
      (text) => current && (source.value = text),
      (err: Error) => current && (failed.value = err.message),
    );
    return () => (current = false);
  }, [id]);
  if (failed.value) return <p class="banner warning">Could not load the source: {failed.value}</p>;
  if (source.value === null) return <p class="muted">Loading…</p>;
  return <pre class="source">{source.value}</pre>;
}
