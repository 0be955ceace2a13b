// Reads the runtime stage of the Dockerfile (the last FROM): what the image sets and runs, so the
// mirror in test/image.test.ts runs exactly that.
import { readFileSync } from 'node:fs';

export interface RuntimeStage {
  env: Record<string, string>;
  user: string | null;
  expose: number[];
  healthcheck: string[];
  cmd: string[];
  run: string[];
}

function execForm(instruction: string, value: string): string[] {
  const parsed: unknown = JSON.parse(value);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`${instruction} is not in exec form: ${value}`);
  return parsed;
}

export function readRuntimeStage(path: string): RuntimeStage {
  const lines = readFileSync(path, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const lastFrom = lines.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true);
  const stage = lines.slice(lastFrom + 1);
  const result: RuntimeStage = { env: {}, user: null, expose: [], healthcheck: [], cmd: [], run: [] };
  for (const line of stage) {
    const [, instruction, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    switch (instruction?.toUpperCase()) {
      case 'ENV':
        for (const pair of rest.split(/\s+/)) {
          const eq = pair.indexOf('=');
          result.env[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
        break;
      case 'USER':
        result.user = rest;
        break;
      case 'EXPOSE':
        result.expose.push(...rest.split(/\s+/).map(Number));
        break;
      case 'HEALTHCHECK':
        result.healthcheck = execForm('HEALTHCHECK', rest.slice(rest.indexOf('CMD ') + 4));
        break;
      case 'CMD':
        result.cmd = execForm('CMD', rest);
        break;
      case 'RUN':
        result.run.push(rest);
        break;
    }
  }
  return result;
}
