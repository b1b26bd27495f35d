/**
 * Builds the widget bundle with esbuild: one minified classic script (IIFE, so it works from a plain
 * `<script src defer>` on any shop page) named by its content hash, plus `manifest.json`. The server calls
 * `ensureWidgetBuilt()` at start and rebuilds only when the sources or the bundled libraries changed, so
 * `npm start` works on a fresh clone. CLI: `npm run build:widget` (prints the sizes).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BuildOptions } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The widget sources. */
const WIDGET_DIR = path.join(ROOT, 'widget');
/** Where bundles go (gitignored). */
export const WIDGET_OUT_DIR = path.join(ROOT, 'dist', 'widget');
/** Packages whose code is in the bundle: a new version makes the bundle stale. */
const BUNDLED_PACKAGES = [
  'lit',
  'lit-html',
  'lit-element',
  '@lit/reactive-element',
  'marked',
  'dompurify',
  'esbuild',
];
/** The budget from the widget issue: the gzipped bundle, libraries included (bytes). */
export const WIDGET_GZIP_BUDGET_BYTES = 60 * 1024;

const BUILD_OPTIONS: BuildOptions = {
  entryPoints: [path.join(WIDGET_DIR, 'index.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  // Browsers of the last few years; standard decorators and class fields are lowered.
  target: ['es2020', 'chrome100', 'safari15', 'firefox100'],
  legalComments: 'eof',
  charset: 'utf8',
  write: false,
  logLevel: 'silent',
  tsconfig: path.join(ROOT, 'tsconfig.json'),
};

/** What a build produced (`manifest.json`). */
export interface WidgetManifest {
  /** The bundle's file name in WIDGET_OUT_DIR, `widget.<hash>.js`. */
  file: string;
  /** The first 16 hex digits of the bundle's SHA-256 (also its ETag). */
  hash: string;
  /** Bundle size in bytes. */
  bytes: number;
  /** Gzipped size in bytes (level 9, as the server sends it). */
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

/** Hashes the widget sources, the bundled packages' versions and the build options. */
export async function widgetInputsHash(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ ...BUILD_OPTIONS, entryPoints: ['widget/index.ts'], tsconfig: '' }));
  for (const file of await listSources(WIDGET_DIR)) {
    hash
      .update(path.relative(ROOT, file))
      .update('\0')
      .update(await fs.readFile(file))
      .update('\0');
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
export async function buildWidget(outDir: string = WIDGET_OUT_DIR): Promise<WidgetManifest> {
  const { build } = await import('esbuild');
  const inputsHash = await widgetInputsHash();
  const result = await build(BUILD_OPTIONS);
  const output = result.outputFiles?.[0];
  if (!output) throw new Error('WIDGET_ERR_BUILD: esbuild produced no output');
  const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 16);
  const manifest: WidgetManifest = {
    file: `widget.${hash}.js`,
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
export async function ensureWidgetBuilt(outDir: string = WIDGET_OUT_DIR): Promise<WidgetManifest> {
  try {
    const manifest = JSON.parse(
      await fs.readFile(path.join(outDir, 'manifest.json'), 'utf8'),
    ) as WidgetManifest;
    await fs.access(path.join(outDir, manifest.file));
    if (manifest.inputsHash === (await widgetInputsHash())) return manifest;
  } catch {
    // No bundle yet (or a damaged manifest): build one below.
  }
  return buildWidget(outDir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = await buildWidget();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  process.stdout.write(
    `dist/widget/${manifest.file}: ${kib(manifest.bytes)} minified, ${kib(manifest.gzipBytes)} gzipped ` +
      `(budget ${kib(WIDGET_GZIP_BUDGET_BYTES)})\n`,
  );
  if (manifest.gzipBytes > WIDGET_GZIP_BUDGET_BYTES) process.exitCode = 1;
}
