// A strict reader of the Prometheus text format (0.0.4): every family has HELP and TYPE before its
// samples, every sample line parses, counters end in _total, label values unescape. Throws on
// anything else, so a test that scrapes also checks the exposition is well formed.
export interface Exposition {
  types: Map<string, string>;
  /** `name{a="x",b="y"}` (labels sorted) -> value. */
  samples: Map<string, number>;
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
// Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case; prom-client writes `Nan`).
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? ([+-]?(?:[0-9]*\\.?[0-9]+(?:e[+-]?[0-9]+)?|[Nn][Aa][Nn]|[Ii][Nn][Ff]))$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

function key(name: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((label) => `${label}="${labels[label]}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`bad labels in: ${line}`);
    labels[match[1]] = match[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const samples = new Map<string, number>();
  if (!text.endsWith('\n')) throw new Error('exposition does not end with a newline');
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (comment) {
      const [, kind, name, rest] = comment;
      if (!new RegExp(`^${NAME}$`).test(name)) throw new Error(`bad metric name: ${line}`);
      if (kind === 'HELP') helped.add(name);
      else if (['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) types.set(name, rest);
      else throw new Error(`bad TYPE: ${line}`);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const [, name, labelText, value] = match;
    const family = [...types.keys()].find((f) => name === f || (/_(bucket|sum|count)$/.test(name) && name.replace(/_(bucket|sum|count)$/, '') === f));
    if (!family || !helped.has(family)) throw new Error(`sample before its HELP and TYPE: ${line}`);
    if (types.get(family) === 'counter' && !family.endsWith('_total')) throw new Error(`counter not named _total: ${family}`);
    const sample = key(name, labelText ? parseLabels(labelText, line) : {});
    if (samples.has(sample)) throw new Error(`duplicate sample: ${line}`);
    samples.set(sample, /nan/i.test(value) ? NaN : /inf/i.test(value) ? (value.startsWith('-') ? -Infinity : Infinity) : Number(value));
  }
  return { types, samples, value: (name, labels = {}) => samples.get(key(name, labels)) };
}
