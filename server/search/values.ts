// The values of size and date terms, as Mailpit's search reads them.

const SIZE = /^(\d+(?:\.\d+)?)\s?([a-z]{1,2})?$/;
const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2 };

/** `2kb`, `4MB`, `1.5m`, `300`: bytes, or null when it is not a size above 0. */
export function parseSize(value: string): number | null {
  const match = SIZE.exec(value.trim().toLowerCase());
  if (!match) return null;
  const unit = UNITS[match[2] ?? ''];
  if (unit === undefined) return null;
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes > 0 ? bytes : null;
}

const DATE_ONLY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const LOCAL_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Minutes to add to a UTC wall time to get the same wall time in `timeZone` (its offset then). */
function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - at.getTime()) / 60_000);
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A wall-clock time in `timeZone` (or the process's local zone) as an instant. */
function wallTime(fields: number[], timeZone: string | undefined): Date {
  const [year, month, day, hour = 0, minute = 0, second = 0] = fields;
  if (!timeZone) return new Date(year, month - 1, day, hour, minute, second);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = zoneOffsetMinutes(timeZone, new Date(utc));
  return new Date(utc - offset * 60_000);
}

/**
 * `2024-03-01`, `2024-03-01 14:30` (in `timeZone`, else local time, as Mailpit does), or anything
 * with its own zone that Date parses (`2024-03-01T14:30:00Z`, an RFC 2822 date). Null when unreadable.
 */
export function parseDate(value: string, timeZone?: string): Date | null {
  const text = value.trim();
  const local = DATE_ONLY.exec(text) ?? LOCAL_TIME.exec(text);
  if (local) {
    const date = wallTime(local.slice(1).filter((v) => v !== undefined).map(Number), timeZone);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
