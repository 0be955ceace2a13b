// A throwaway Dovecot (Debian's dovecot-imapd/-pop3d) for the benches and the differential tests: its
// own config, base_dir and Maildir in a temp dir, IMAP and POP3 on free loopback ports, any password,
// upstream defaults for everything else. Never touches /etc/dovecot or the system service. Run as root, Dovecot refuses
// root for logins and mail, so it uses the package's own users (dovenull, dovecot) for those.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { writeMaildir, type Corpus } from './corpus.ts';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

export interface DovecotOptions {
  /**
   * 'shared' (the benches): every login reads the one Maildir the corpus was written to.
   * 'per-login' (the differential tests): each login has a Maildir of its own, created empty on first
   * login with mailsandbox's folders (INBOX and the special-use ones, subscribed), so every test
   * starts from the state a fresh mailsandbox has.
   */
  mail: 'shared' | 'per-login';
}

/** mailsandbox's folders (server/store/folders.ts), with the same special-use attributes. */
const SANDBOX_FOLDERS = `namespace inbox {
  inbox = yes
  separator = /
  mailbox INBOX {
    auto = subscribe
  }
  mailbox Sent {
    auto = subscribe
    special_use = \\Sent
  }
  mailbox Drafts {
    auto = subscribe
    special_use = \\Drafts
  }
  mailbox Trash {
    auto = subscribe
    special_use = \\Trash
  }
  mailbox Junk {
    auto = subscribe
    special_use = \\Junk
  }
  mailbox Archive {
    auto = subscribe
    special_use = \\Archive
  }
}
`;

export interface RunningDovecot {
  pid: number;
  imapPort: number;
  pop3Port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`user ${name} missing: is dovecot-core installed?`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, owner);
    else chownSync(child, owner.uid, owner.gid);
  }
}

function config(dir: string, imapPort: number, pop3Port: number, users: { internal: string; login: string; mail: string }, options: DovecotOptions): string {
  const perLogin = options.mail === 'per-login';
  const mailLocation = perLogin ? `maildir:${dir}/mail/%u:LAYOUT=fs:INDEX=${dir}/index/%u` : `maildir:${dir}/mail:LAYOUT=fs:INDEX=${dir}/index`;
  const home = perLogin ? `${dir}/home/%u` : `${dir}/home`;
  return `protocols = imap pop3
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = mailsandbox-bench-${imapPort}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_internal_user = ${users.internal}
default_internal_group = ${users.internal}
default_login_user = ${users.login}
mail_location = ${mailLocation}
mail_max_userip_connections = 100
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = static
  args = nopassword=y
}
userdb {
  driver = static
  args = uid=${users.mail} gid=${users.mail} home=${home}
}
${perLogin ? SANDBOX_FOLDERS : ''}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${pop3Port}
  }
  inet_listener pop3s {
    port = 0
  }
}
`;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true))).once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not listen on ${port} within ${timeoutMs} ms`);
}

/** Writes the corpus as the Maildir of every login (or, per login, starts empty) and starts Dovecot on it. */
export async function startDovecot(corpus: Corpus, options: DovecotOptions = { mail: 'shared' }): Promise<RunningDovecot> {
  if (!existsSync(DOVECOT_BINARY)) throw new Error(`${DOVECOT_BINARY} missing: apt-get install dovecot-imapd dovecot-pop3d`);
  const dir = mkdtempSync(join(tmpdir(), 'mailsandbox-dovecot-'));
  let child: ChildProcess | null = null;
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const killNow = () => child?.exitCode === null && child.kill('SIGKILL');
  const onExit = () => (killNow(), removeDir());
  process.once('exit', onExit);
  try {
    chmodSync(dir, 0o755);
    for (const sub of ['mail', 'index', 'home', 'state']) mkdirSync(join(dir, sub));
    if (options.mail === 'shared') writeMaildir(join(dir, 'mail'), corpus);
    const me = userInfo().username;
    const asRoot = process.getuid?.() === 0;
    const users = asRoot ? { internal: 'dovecot', login: 'dovenull', mail: 'dovecot' } : { internal: me, login: me, mail: me };
    if (asRoot) for (const sub of ['mail', 'index', 'home']) chownTree(join(dir, sub), systemUser('dovecot'));
    const [imapPort, pop3Port] = [await freePort(), await freePort()];
    writeFileSync(join(dir, 'dovecot.conf'), config(dir, imapPort, pop3Port, users, options));
    child = spawn(DOVECOT_BINARY, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'inherit', 'inherit'] });
    await waitForPort(imapPort, child, 10_000);
    await waitForPort(pop3Port, child, 10_000);
    const running = child;
    return {
      pid: running.pid!,
      imapPort,
      pop3Port,
      async stop() {
        if (running.exitCode === null) {
          const exited = new Promise((resolve) => running.once('exit', resolve));
          running.kill('SIGTERM');
          // Its login processes can keep it up for seconds; they end by themselves once the master is gone.
          const timer = setTimeout(killNow, 1_000);
          await exited;
          clearTimeout(timer);
        }
        removeDir();
        process.off('exit', onExit);
      },
    };
  } catch (err) {
    const log = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '';
    onExit();
    process.off('exit', onExit);
    throw new Error(`${(err as Error).message}\n${log.split('\n').slice(-10).join('\n')}`);
  }
}
