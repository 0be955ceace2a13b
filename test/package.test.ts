// The package as a user installs it: the packed tarball in a fresh project with production
// dependencies only, used from plain JavaScript (ESM and CommonJS), from TypeScript, and by npx.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packTarball, repoRoot, type Packed } from './helpers/packed.ts';

const exec = promisify(execFile);

// Uses what start-up leaves unloaded: libmime (an encoded-word subject), mailparser (the body),
// selfsigned (a TLS port), so the package's lazy imports are proven to resolve where it is installed.
const USE_IT = `
  const sandbox = await start({ smtpPort: 0, httpPort: 0, imapPort: null, pop3Port: null, smtpsPort: 0, tlsSelfSigned: true, logLevel: 'silent' });
  const health = await (await fetch(sandbox.url + '/api/v1/health')).json();
  const ui = await fetch(sandbox.url + '/');
  const raw = 'From: a@example.com\\r\\nTo: b@example.com\\r\\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\\r\\nContent-Type: text/html; charset=utf-8\\r\\n\\r\\n<p>Hallo</p>\\r\\n';
  const { id } = sandbox.store.add(Buffer.from(raw), { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] });
  const detail = await (await fetch(sandbox.url + '/api/v1/messages/' + id)).json();
  console.log(JSON.stringify({
    status: health.status, smtp: sandbox.smtp.port > 0, smtps: sandbox.smtps.port > 0, ui: ui.status, type: ui.headers.get('content-type'),
    subject: detail.subject, html: detail.html,
  }));
  await sandbox.close();
`;

describe('the packed package', () => {
  let packed: Packed;
  let project: string;
  const node = (file: string, ...flags: string[]) => exec(process.execPath, [...flags, file], { cwd: project, timeout: 30_000 });

  beforeAll(async () => {
    packed = await packTarball();
    project = join(packed.dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
    await exec('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', packed.tarball], { cwd: project, timeout: 180_000 });
    writeFileSync(join(project, 'use.mjs'), `import { start } from 'mailsandbox';\n${USE_IT}`);
    writeFileSync(join(project, 'use.cjs'), `const { start } = require('mailsandbox');\n(async () => {${USE_IT}})();`);
  }, 240_000);
  afterAll(() => packed?.remove());

  it('ships compiled JavaScript and the built UI, no TypeScript sources and no TypeScript runtime', async () => {
    const { stdout } = await exec('tar', ['tzf', packed.tarball]);
    const files = stdout.trim().split('\n');
    expect(files).toContain('package/dist/app.js');
    expect(files).toContain('package/dist/app.d.ts');
    expect(files).toContain('package/ui/dist/index.html');
    expect(files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'mailsandbox', 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    for (const dev of ['tsx', 'esbuild', 'typescript']) expect(existsSync(join(project, 'node_modules', dev)), dev).toBe(false);
  });

  it('works from a plain .mjs: import { start } from "mailsandbox", UI, body parsing and TLS included', async () => {
    const { stdout } = await node('use.mjs');
    expect(JSON.parse(stdout)).toEqual({ status: 'ok', smtp: true, smtps: true, ui: 200, type: expect.stringMatching(/^text\/html/), subject: 'Grüße', html: '<p>Hallo</p>\n' });
  });

  it('works from CommonJS require() on a Node that has require(esm); says what to do on one without', async () => {
    expect(JSON.parse((await node('use.cjs')).stdout)).toMatchObject({ status: 'ok', smtp: true });
    const refused = await node('use.cjs', '--no-experimental-require-module').catch((err: { code: number; stderr: string }) => err);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain("mailsandbox is an ES module: this Node.js cannot require() it (that needs Node 20.19+ or 22.12+). Use `const { start } = await import('mailsandbox')` instead.");
  });

  it('types it for TypeScript: a wrong option is a compile error, a right one is not', async () => {
    writeFileSync(
      join(project, 'use.mts'),
      [
        "import { start, type Sandbox, type MessageSummary } from 'mailsandbox';",
        'const sandbox: Sandbox = await start({ smtpPort: 0, logLevel: "silent" });',
        'const port: number = sandbox.smtp!.port;',
        'const summaries: MessageSummary[] = [];',
        '// @ts-expect-error smtpPort is a number or null',
        'await start({ smtpPort: "2525" });',
        'console.log(port, summaries, sandbox.store.stats().messages);',
      ].join('\n'),
    );
    const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'], typeRoots: [join(repoRoot, 'node_modules', '@types')] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['use.mts'] }));
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await exec(process.execPath, [tsc, '-p', project], { cwd: project }).catch((err: { stdout: string }) => err);
    expect((result as { stdout: string }).stdout).toBe('');
  });

  it('runs with npx: in the project, and straight from the tarball with no project at all', async () => {
    const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
    expect((await exec('npx', ['--no-install', 'mailsandbox', '--version'], { cwd: project })).stdout.trim()).toBe(version);
    const help = await exec('npx', ['--no-install', 'mailsandbox', '--help'], { cwd: project });
    expect(help.stdout).toContain('mailsandbox healthcheck [options]');
    const fromTarball = await exec('npx', ['--yes', '--prefer-offline', '--package', packed.tarball, 'mailsandbox', '--version'], { cwd: packed.dir, timeout: 120_000 });
    expect(fromTarball.stdout.trim()).toBe(version);
  }, 180_000);
});
