// mailsandbox under test for the IMAP and POP3 benches, in its own process so client work doesn't
// count against it. argv: <messages> <seed>. Loads the same generated corpus straight into the
// store, then tells the parent over IPC { imapPort, pop3Port } (null when a server isn't built yet).
// Sending "exit" closes it cleanly, which is when --cpu-prof writes its profile.
import { start } from '../server/app.ts';
import { generateCorpus } from './corpus.ts';

const [count, seed] = process.argv.slice(2).map(Number);
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

const exit = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('message', (message) => message === 'exit' && void exit());
process.on('disconnect', () => void exit());
process.send!({ imapPort: sandbox.imap?.port ?? null, pop3Port: sandbox.pop3?.port ?? null });
