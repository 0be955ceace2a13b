import { tab, type MessageTab } from '../state.ts';

const TABS: Array<[MessageTab, string]> = [
  ['html', 'HTML'],
  ['text', 'Text'],
  ['headers', 'Headers'],
  ['source', 'Source'],
];

export function MessageTabs({ hasHtml }: { hasHtml: boolean }) {
  return (
    <div class="tabs" role="tablist">
      {TABS.filter(([name]) => hasHtml || name !== 'html').map(([name, label]) => (
        <button key={name} role="tab" class="tab" aria-selected={tab.value === name} onClick={() => (tab.value = name)}>
          {label}
        </button>
      ))}
    </div>
  );
}
