// Deleting every message takes two clicks: the first arms the button for a few seconds.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { removeAllMessages } from '../actions.ts';
import { rows } from '../state.ts';

const ARMED_MS = 4000;

export function DeleteAllButton() {
  const armed = useSignal(false);
  useEffect(() => {
    if (!armed.value) return;
    const timer = setTimeout(() => (armed.value = false), ARMED_MS);
    return () => clearTimeout(timer);
  }, [armed.value]);
  const onClick = () => {
    if (!armed.value) return void (armed.value = true);
    armed.value = false;
    void removeAllMessages();
  };
  return (
    <button class={armed.value ? 'danger armed' : 'danger'} disabled={rows.value.length === 0 && !armed.value} onClick={onClick}>
      {armed.value ? 'Click again to delete all' : 'Delete all'}
    </button>
  );
}
