/**
 * The pages' browser code, bundled in memory by esbuild the first time a page is asked for: the
 * TypeScript in ./client/ becomes one ES module and one stylesheet, each named by a hash of its
 * content (so a browser may keep them for good). Nobody runs a build step; a change to ./client/
 * is picked up by the next start of the API.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const CLIENT_DIR = fileURLToPath(new URL('./client/', import.meta.url));

export interface Asset {
  /** e.g. app.3f9a1c2b7d.js */
  name: string;
  contentType: string;
  body: Buffer;
  etag: string;
}

export interface Bundle {
  script: Asset;
  style: Asset;
  byName: Map<string, Asset>;
  /** how long esbuild took, for the log */
  ms: number;
}

const ENTRIES = { app: 'main.ts', style: 'styles.css' } as const;

function asset(base: string, ext: 'js' | 'css', contents: Uint8Array): Asset {
  const body = Buffer.from(contents);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 10);
  return {
    name: `${base}.${hash}.${ext}`,
    contentType: ext === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
    body,
    etag: `"${hash}"`,
  };
}

/** Bundles ./client (about 100 ms); rejects with esbuild's messages if the code does not build. */
export async function bundleClient(): Promise<Bundle> {
  const started = performance.now();
  const result = await build({
    absWorkingDir: CLIENT_DIR,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, `./${file}`])),
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    platform: 'browser',
    // browsers of the last few years; nothing needs down-levelling past this
    target: ['es2022', 'chrome111', 'firefox115', 'safari16.4'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const find = (ext: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!file) throw new Error(`esbuild produced no ${ext} file`);
    return file.contents;
  };
  const script = asset('app', 'js', find('.js'));
  const style = asset('style', 'css', find('.css'));
  return { script, style, byName: new Map([script, style].map((a) => [a.name, a])), ms: Math.round(performance.now() - started) };
}

let cached: Promise<Bundle> | null = null;

/** The bundle, built once per process (every app instance of the process shares it). */
export function clientBundle(): Promise<Bundle> {
  cached ??= bundleClient().catch((err: unknown) => {
    // a failed build is tried again on the next request rather than remembered
    cached = null;
    throw err;
  });
  return cached;
}
