import { filter } from '../state.ts';

export function UnreadToggle() {
  const on = filter.value.unreadOnly;
  return (
    <label class="toggle">
      <input type="checkbox" checked={on} onChange={() => (filter.value = { ...filter.value, unreadOnly: !on })} />
      Unread only
    </label>
  );
}
