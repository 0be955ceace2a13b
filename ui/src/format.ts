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

/** A session's length: "0.4 s", "12 s", "3 min"; live sessions count up to `now`. */
export function duration(startIso: string, endIso: string | null, now: number): string {
  const ms = (endIso ? Date.parse(endIso) : now) - Date.parse(startIso);
  if (ms < 10_000) return `${(Math.max(ms, 0) / 1000).toFixed(1)} s`;
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / MINUTE)} min`;
}

/** A transcript line's time: 10:01:02.345. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  return `${date.toLocaleTimeString(undefined, { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}
