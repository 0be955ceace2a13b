// The built UI (ui/dist) with index.html as the fallback for client-side routes. Vite puts content
// hashes in asset names, so those are cached for good; index.html never is.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { errorBody } from './errors.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

export const UI_DIST = fileURLToPath(new URL('ui/dist/', PACKAGE_ROOT));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const UI_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

async function tryRead(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

/** The path as text, or null when its percent-encoding is malformed (`/%E0%A4%A`, `/assets/%ff`). */
function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
}

export async function serveUi(c: Context, root = UI_DIST): Promise<Response> {
  const path = decodedPath(c.req.url);
  if (path === null) return c.json(errorBody('bad-path', 'the path has a malformed percent-encoding'), 400);
  const requested = normalize(path).replace(/^([/\\])+/, '');
  const file = join(root, requested);
  const inside = file.startsWith(root.endsWith(sep) ? root : root + sep);
  const asset = inside && requested && !requested.endsWith(sep) ? await tryRead(file) : null;
  if (asset) {
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    c.header('Cache-Control', requested.startsWith('assets') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(new Uint8Array(asset));
  }
  const index = await tryRead(join(root, 'index.html'));
  if (!index) return c.text('The UI is not built: run `npm run build:ui` (npm start does it for you).', 503);
  c.header('Cache-Control', 'no-cache');
  c.header('Content-Security-Policy', UI_CSP);
  c.header('X-Frame-Options', 'SAMEORIGIN');
  return c.html(index.toString('utf8'));
}
