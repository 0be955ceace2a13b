// mailsandbox under test for the IMAP and POP3 benches, in its own process so client work doesn't
// count against it. argv: <messages> <seed> [profile dir]. Loads the same generated corpus straight
// into the store, then tells the parent over IPC { imapPort, pop3Port } (null when a server isn't
// built yet). With a profile dir, the V8 CPU profiler runs from then on (so loading the corpus is
// not in it) and the profile is written there when the parent sends "exit".
import { start } from '../server/app.ts';
import { generateCorpus } from './corpus.ts';
import { startCpuProfile } from './cpu-profile.ts';

const [count, seed] = process.argv.slice(2, 4).map(Number);
const profileDir = process.argv[4];
const sandbox = await start({
  smtpPort: null,
  httpPort: null,
  imapPort: 0,
  pop3Port: 0,
  logLevel: 'silent',
  maxMessages: 20_000,
  maxBytes: 2 * 1024 ** 3,
});
const corpus = generateCorpus(count, seed);
corpus.messages.forEach((raw, i) => sandbox.store.add(raw, corpus.envelopes[i]));

const stopProfile = await startCpuProfile(profileDir, 'mailsandbox');

const exit = async () => {
  await stopProfile();
  await sandbox.close();
  process.exit(0);
};
process.on('message', (message) => message === 'exit' && void exit());
process.on('disconnect', () => void exit());
process.send!({ imapPort: sandbox.imap?.port ?? null, pop3Port: sandbox.pop3?.port ?? null });
