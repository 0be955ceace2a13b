// One choice in a sidebar list: a name, its unread and total counts, and whether it is the current one.
export function FilterItem(props: { label: string; unread: number; total: number; active: boolean; onSelect: () => void }) {
  return (
    <li>
      <button class={props.active ? 'filter-item active' : 'filter-item'} aria-pressed={props.active} onClick={props.onSelect}>
        <span class="filter-label" title={props.label}>
          {props.label}
        </span>
        {props.unread > 0 && <span class="badge">{props.unread}</span>}
        <span class="filter-total">{props.total}</span>
      </button>
    </li>
  );
}
