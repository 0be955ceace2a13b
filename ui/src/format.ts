// How values read in the UI: addresses, sizes and times.
import type { Address } from '../../server/types.ts';

export function addressLabel(address: Address | null): string {
  if (!address) return '(no sender)';
  return address.name || address.address;
}

export function addressFull(address: Address): string {
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

export function addressList(addresses: Address[]): string {
  return addresses.map(addressLabel).join(', ');
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min", "3 h", then a date: short and stable enough to scan a list. */
export function relativeTime(iso: string, now: number): string {
  const time = Date.parse(iso);
  const age = now - time;
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h`;
  const date = new Date(time);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: sameYear ? undefined : 'numeric' });
}

export function fullTime(iso: string): string {
  return new Date(iso).toLocaleString();
}
