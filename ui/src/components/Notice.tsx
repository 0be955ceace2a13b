import { notice } from '../state.ts';

export function Notice() {
  const current = notice.value;
  if (!current) return null;
  return (
    <div class={current.error ? 'notice error' : 'notice'} role={current.error ? 'alert' : 'status'}>
      {current.text}
    </div>
  );
}
