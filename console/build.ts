/**
 * Builds the staff console bundle with esbuild: one minified ES module named by its content hash, plus
 * `manifest.json`, in dist/console. The server calls `ensureConsoleBuilt()` at start and rebuilds only when
 * the sources (console/, the widget's markdown path it shares) or the bundled libraries changed.
 * It lives outside widget/ because widget/build.ts hashes every file under widget/.
 * CLI: `npm run build:console` (prints the size; there is no budget: staff load it once per session).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BuildOptions } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Source folders whose files go into the bundle (the console, and the widget's markdown path). */
const SOURCE_DIRS = [path.join(ROOT, 'console'), path.join(ROOT, 'widget', 'markdown')];
/** Where bundles go (gitignored). */
export const CONSOLE_OUT_DIR = path.join(ROOT, 'dist', 'console');
/** Packages whose code is in the bundle: a new version makes the bundle stale. */
const BUNDLED_PACKAGES = [
  'lit',
  'lit-html',
  'lit-element',
  '@lit/reactive-element',
  'marked',
  'dompurify',
  'chart.js',
  '@kurkle/color',
  'esbuild',
];

const BUILD_OPTIONS: BuildOptions = {
  entryPoints: [path.join(ROOT, 'console', 'index.ts')],
  bundle: true,
  minify: true,
  // Loaded by `<script type="module">` from the console's own page.
  format: 'esm',
  target: ['es2022', 'chrome110', 'safari16', 'firefox110'],
  legalComments: 'eof',
  charset: 'utf8',
  write: false,
  logLevel: 'silent',
  tsconfig: path.join(ROOT, 'tsconfig.json'),
};

/** What a build produced (`manifest.json`). */
export interface ConsoleManifest {
  /** The bundle's file name in CONSOLE_OUT_DIR, `console.<hash>.js`. */
  file: string;
  /** The first 16 hex digits of the bundle's SHA-256 (also its ETag). */
  hash: string;
  /** Bundle size in bytes. */
  bytes: number;
  /** Gzipped size in bytes (level 9). */
  gzipBytes: number;
  /** Hash of everything the bundle is built from; a different value means the bundle is stale. */
  inputsHash: string;
}

async function listSources(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listSources(full)));
    else if (entry.name.endsWith('.ts') && full !== fileURLToPath(import.meta.url)) found.push(full);
  }
  return found.sort();
}

async function packageVersion(name: string): Promise<string> {
  try {
    const json = JSON.parse(await fs.readFile(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    return String(json.version);
  } catch {
    return 'missing';
  }
}

/** Hashes the console sources, the bundled packages' versions and the build options. */
export async function consoleInputsHash(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ ...BUILD_OPTIONS, entryPoints: ['console/index.ts'], tsconfig: '' }));
  for (const dir of SOURCE_DIRS) {
    for (const file of await listSources(dir)) {
      hash
        .update(path.relative(ROOT, file))
        .update('\0')
        .update(await fs.readFile(file))
        .update('\0');
    }
  }
  for (const name of BUNDLED_PACKAGES) hash.update(`${name}@${await packageVersion(name)}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** Writes a file atomically (parallel builds of the same inputs write identical bytes). */
async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/** Builds the bundle into `outDir` and returns its manifest. */
export async function buildConsole(outDir: string = CONSOLE_OUT_DIR): Promise<ConsoleManifest> {
  const { build } = await import('esbuild');
  const inputsHash = await consoleInputsHash();
  const result = await build(BUILD_OPTIONS);
  const output = result.outputFiles?.[0];
  if (!output) throw new Error('CONSOLE_ERR_BUILD: esbuild produced no output');
  const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 16);
  const manifest: ConsoleManifest = {
    file: `console.${hash}.js`,
    hash,
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    inputsHash,
  };
  await fs.mkdir(outDir, { recursive: true });
  await writeAtomic(path.join(outDir, manifest.file), output.contents);
  await writeAtomic(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The manifest of the current bundle, building it first when it is missing or stale. */
export async function ensureConsoleBuilt(outDir: string = CONSOLE_OUT_DIR): Promise<ConsoleManifest> {
  try {
    const manifest = JSON.parse(
      await fs.readFile(path.join(outDir, 'manifest.json'), 'utf8'),
    ) as ConsoleManifest;
    await fs.access(path.join(outDir, manifest.file));
    if (manifest.inputsHash === (await consoleInputsHash())) return manifest;
  } catch {
    // No bundle yet (or a damaged manifest): build one below.
  }
  return buildConsole(outDir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = await buildConsole();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  process.stdout.write(
    `dist/console/${manifest.file}: ${kib(manifest.bytes)} minified, ${kib(manifest.gzipBytes)} gzipped\n`,
  );
}
