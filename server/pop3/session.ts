// One POP3 session: its state (RFC 1939 AUTHORIZATION -> TRANSACTION -> UPDATE), the dispatch of
// each line to a command, and the bounds on what a client may send. No I/O: the connection feeds
// it lines and writes the outcomes.
import { randomBytes } from 'node:crypto';
import { idList, NO_RECORDER, type SessionRecorder } from '../sessions/index.ts';
import { protocolDeps, type ProtocolDeps, type ServerDeps } from '../deps.ts';
import { loginFor, type MessageStore } from '../store/index.ts';
import type { Outcome, SessionContext, SessionState } from './commands/command.ts';
import { COMMANDS } from './commands/index.ts';
import { errorReply, isAuthenticationFailure, Pop3Error } from './errors.ts';
import { faultOutcome, pop3SessionName } from './faults.ts';
import type { FaultAction } from '../faults/index.ts';
import type { Pop3Limits } from './limits.ts';
import { Maildrop } from './maildrop.ts';
import type { LineItem } from './reader.ts';
import { err, ok, type Reply } from './reply.ts';

export class Pop3Session implements SessionContext {
  readonly deps: ProtocolDeps;
  /** Only to make the login's LoginStore: no command reaches it. */
  readonly #store: MessageStore;
  readonly apopTimestamp = `<${process.pid}.${randomBytes(6).toString('hex')}.${Date.now()}@mailsandbox>`;
  pendingUser: string | null = null;
  readonly #limits: Pop3Limits;
  #state: SessionState = 'AUTHORIZATION';
  #secure: boolean;
  #maildrop: Maildrop | null = null;
  #continuation: ((line: string) => Outcome) | null = null;
  #commands = 0;
  #badCommands = 0;
  readonly #faults: ServerDeps['faults'];
  readonly #name = pop3SessionName();

  constructor(
    deps: ServerDeps,
    limits: Pop3Limits,
    secure: boolean,
    readonly record: SessionRecorder = NO_RECORDER,
  ) {
    this.deps = protocolDeps(deps);
    this.#store = deps.store;
    this.#faults = deps.faults;
    this.#limits = limits;
    this.#secure = secure;
  }

  /** The next line answers a SASL challenge (a credential), not a command. */
  get awaitsAnswer(): boolean {
    return this.#continuation !== null;
  }

  get state(): SessionState {
    return this.#state;
  }

  get canStartTls(): boolean {
    return this.deps.tls !== null && !this.#secure;
  }

  get loginNeedsTls(): boolean {
    return this.deps.config.tlsRequired && !this.#secure;
  }

  get maildrop(): Maildrop {
    if (!this.#maildrop) throw new Error('no maildrop before login');
    return this.#maildrop;
  }

  greeting(): Outcome {
    return { reply: ok(`mailsandbox POP3 ready ${this.apopTimestamp}`) };
  }

  /** The connection is now encrypted (after STLS). */
  secured(): void {
    this.#secure = true;
  }

  handle(item: LineItem): Outcome {
    if (item.kind === 'absurd') return this.#refuse(err('line far too long, closing'));
    if (++this.#commands > this.#limits.maxCommandsPerSession) return this.#refuse(err('too many commands in one session, closing', 'SYS/PERM'));
    if (item.kind === 'too-long') {
      this.#continuation = null;
      return this.#bad(`line too long; commands are at most ${this.#limits.maxLineOctets} octets`);
    }
    const continuation = this.#continuation;
    this.#continuation = null;
    return this.#settle(() => (continuation ? continuation(item.text) : this.#dispatch(item.text)));
  }

  #dispatch(line: string): Outcome {
    const space = line.indexOf(' ');
    const name = (space === -1 ? line : line.slice(0, space)).toUpperCase();
    const args = space === -1 ? '' : line.slice(space + 1).trim();
    const command = COMMANDS.get(name);
    this.deps.metrics?.command(command ? command.name : 'unknown');
    if (!command) return this.#bad(name ? `unknown command ${name.slice(0, 40)}` : 'empty command line');
    if (!command.states.includes(this.#state)) {
      return this.#bad(this.#state === 'AUTHORIZATION' ? `log in before ${name} (USER/PASS or AUTH PLAIN)` : `${name} is not allowed after login`);
    }
    if (command.sendsCredentials && this.loginNeedsTls) throw new Pop3Error(`STLS first: this sandbox runs with --tls-required, so ${name} waits for TLS`);
    const fault = this.#faults?.active ? this.#faults.check('pop3', 'command', command.name, this.#name, this.record) : null;
    if (fault) return this.#faulted(fault, () => this.#settle(() => command.run(this, args)));
    return command.run(this, args);
  }

  #faulted(fault: FaultAction, run: () => Outcome): Outcome {
    if (fault.kind === 'drop') this.record.ending('fault');
    return faultOutcome(fault, run);
  }

  #settle(run: () => Outcome): Outcome {
    try {
      const outcome = run();
      this.#continuation = outcome.continuation ?? null;
      return outcome;
    } catch (error) {
      if (isAuthenticationFailure(error)) this.deps.metrics?.authFailed();
      return { reply: errorReply(error, this.deps.log) };
    }
  }

  #bad(text: string): Outcome {
    if (++this.#badCommands >= this.#limits.maxBadCommands) return this.#refuse(err(`${text}; too many bad commands, closing`));
    return { reply: err(text) };
  }

  /** The client broke a limit: the last reply, then the connection closes. */
  #refuse(reply: Reply): Outcome {
    this.record.ending('refused');
    return { reply, after: 'close' };
  }

  logIn(user: string): Outcome {
    const fault = this.#faults?.active ? this.#faults.check('pop3', 'login', user, this.#name, this.record) : null;
    if (fault) return this.#faulted(fault, () => this.#settle(() => this.#enterTransaction(user)));
    return this.#enterTransaction(user);
  }

  #enterTransaction(user: string): Outcome {
    this.#maildrop = new Maildrop(this.#store.forLogin(loginFor(user)));
    this.#state = 'TRANSACTION';
    this.pendingUser = null;
    this.record.loggedIn(user);
    const { count, octets } = this.#maildrop.stat();
    this.deps.log.debug('login', { user, messages: count });
    return { reply: ok(`${user} has ${count} message${count === 1 ? '' : 's'} (${octets} octets)`) };
  }

  update(): Outcome {
    this.#state = 'UPDATE';
    this.record.ending('quit');
    const ids = this.maildrop.commit(this.deps.config.pop3Delete);
    const marked = ids.length;
    if (marked) this.record.action(this.deps.config.pop3Delete ? `deleted ${idList(ids)} at QUIT` : `kept ${idList(ids)} at QUIT (--pop3-delete off)`, ids);
    const what = this.deps.config.pop3Delete ? `${marked} deleted` : `${marked} marked, kept (--pop3-delete off)`;
    return { reply: ok(`mailsandbox POP3 signing off, ${what}`), after: 'close' };
  }
}
