import type { LogFormat, LogLevel } from './config.ts';

export type Fields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  child(component: string): Logger;
}

/** A list of plain strings (recipients) reads best bare: to=a@x.com,b@y.com */
function prettyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  return JSON.stringify(value);
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(
  format: LogFormat,
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  component?: string,
): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>, message: string, fields: Fields = {}) => {
    if (RANK[lvl] < RANK[level]) return;
    if (format === 'json') {
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, component, message, ...fields }));
      return;
    }
    const extra = Object.entries(fields)
      .map(([k, v]) => `${k}=${prettyValue(v)}`)
      .join(' ');
    const prefix = component ? `[${component}] ` : '';
    write(`${lvl.toUpperCase().padEnd(5)} ${prefix}${message}${extra ? ' ' + extra : ''}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (name) => createLogger(format, level, write, component ? `${component}.${name}` : name),
  };
}

export const silentLogger: Logger = createLogger('pretty', 'silent');
