// The few icons the UI uses, as inline SVG paths (24x24 viewBox), so they follow the text colour.
const PATHS = {
  star: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  paperclip: 'M16.5 6.5l-7.8 7.8a2 2 0 002.8 2.8l8-8a4 4 0 00-5.6-5.6l-8 8a6 6 0 008.5 8.5l7-7',
  back: 'M15 5l-7 7 7 7',
  plug: 'M9 3v5M15 3v5M6 8h12v3a6 6 0 01-12 0zM12 17v4',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, filled = false }: { name: IconName; filled?: boolean }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
