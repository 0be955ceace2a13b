// The live fault rules: protocols ask `check()` at their decision points and get the action to take,
// or null. Counters, seeds and a short firing log live here; the API and start() read and replace them.
import { randomInt } from 'node:crypto';
import type { Logger } from '../log.ts';
import { parseFaultRule } from './parse.ts';
import { mulberry32 } from './prng.ts';
import type { FaultAction, FaultProtocol, FaultRule } from './rule.ts';

/** How many recent firings GET /api/v1/faults shows. */
const LOG_SIZE = 100;

export interface FaultRuleState {
  rule: string;
  protocol: FaultProtocol;
  /** Times the pattern matched (fired or not). */
  matched: number;
  fired: number;
  /** Firings left before the rule retires; null = unlimited. */
  remaining: number | null;
  /** The seed the rate draws from (a random one when the rule gave none, so a run can be replayed with it). */
  seed: number | null;
}

export interface FaultFiring {
  time: string;
  protocol: FaultProtocol;
  /** The connection the fault hit, e.g. smtp session id or imap#12. */
  session: string;
  rule: string;
  /** What matched: key=value. */
  matched: string;
  action: FaultAction['kind'];
}

/** Where a firing is told besides the log: the session record of the connection it hit. */
export interface FaultWitness {
  action(text: string, messageIds: readonly number[]): void;
}

export interface FaultsSnapshot {
  rules: FaultRuleState[];
  log: FaultFiring[];
}

/** The value a protocol checks: a string to glob, a list where any may match (UID FETCH and FETCH), or a size. */
export type FaultValue = string | readonly string[] | number;

interface LiveRule {
  rule: FaultRule;
  seed: number | null;
  next: () => number;
  matched: number;
  fired: number;
}

export class Faults {
  #rules: LiveRule[] = [];
  #log: FaultFiring[] = [];
  readonly #logger: Logger;

  constructor(rules: readonly string[], logger: Logger) {
    this.#logger = logger;
    this.set(rules);
  }

  /** Replaces every rule, and resets counters, seeds and the log. Throws FaultRuleError and changes nothing if one is bad. */
  set(rules: readonly string[]): void {
    const parsed = rules.map(parseFaultRule);
    this.#rules = parsed.map(live);
    this.#log = [];
  }

  add(rules: readonly string[]): void {
    this.#rules.push(...rules.map(parseFaultRule).map(live));
  }

  /** Takes out the rules whose text `unwanted` picks; the others keep their counters. */
  remove(unwanted: (rule: string) => boolean): void {
    this.#rules = this.#rules.filter((live) => !unwanted(live.rule.source));
  }

  clear(): void {
    this.#rules = [];
    this.#log = [];
  }

  get active(): boolean {
    return this.#rules.length > 0;
  }

  snapshot(): FaultsSnapshot {
    return {
      rules: this.#rules.map(({ rule, seed, matched, fired }) => ({
        rule: rule.source,
        protocol: rule.protocol,
        matched,
        fired,
        remaining: rule.times === null ? null : rule.times - fired,
        seed,
      })),
      log: [...this.#log],
    };
  }

  /** The action of the first live rule for this protocol and key that matches the value and fires. */
  check(protocol: FaultProtocol, key: string, value: FaultValue, session: string, witness?: FaultWitness): FaultAction | null {
    for (const live of this.#rules) {
      const { rule } = live;
      if (rule.protocol !== protocol || rule.key !== key) continue;
      if (rule.times !== null && live.fired >= rule.times) continue;
      if (!matches(rule, value)) continue;
      live.matched++;
      if (rule.rate < 1 && live.next() >= rule.rate) continue;
      live.fired++;
      const firing: FaultFiring = {
        time: new Date().toISOString(),
        protocol,
        session,
        rule: rule.source,
        matched: `${key}=${Array.isArray(value) ? value[0] : value}`,
        action: rule.action.kind,
      };
      this.#log.push(firing);
      if (this.#log.length > LOG_SIZE) this.#log.shift();
      this.#logger.info('fault fired', { protocol, session, rule: rule.source, matched: firing.matched });
      witness?.action(`fault rule ${rule.source} fired on ${firing.matched}`, []);
      return rule.action;
    }
    return null;
  }
}

function live(rule: FaultRule): LiveRule {
  const seed = rule.seed ?? (rule.rate < 1 ? randomInt(0, 0xffffffff) : null);
  return { rule, seed, next: mulberry32(seed ?? 0), matched: 0, fired: 0 };
}

function matches(rule: FaultRule, value: FaultValue): boolean {
  const { match } = rule;
  if (match.kind === 'size') return typeof value === 'number' && (match.op === '>' ? value > match.bytes : value < match.bytes);
  if (typeof value === 'number') return false;
  const values: readonly string[] = typeof value === 'string' ? [value] : value;
  return values.some((v) => match.regex.test(v));
}
