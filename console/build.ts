/**
 * Builds the staff console bundle with esbuild: one minified ES module named by its content hash, plus
 * `manifest.json`, in dist/console. The server calls `ensureConsoleBuilt()` at start and rebuilds only when
 * the sources (console/, the widget's markdown path it shares) or the bundled libraries changed.
 * It lives outside widget/ because widget/build.ts hashes every file under widget/.
 * CLI: `npm run build:console` (prints the size; there is no budget: staff load it once per session).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { type BundleManifest, createBundler, ROOT } from '../tools/esbuild-bundle.ts';

/**
 * Source folders whose files go into the bundle: the console, the widget's markdown path, and the
 * answers' placeholder filling (the answer preview fills them as the bot does).
 */
const SOURCE_DIRS = [
  path.join(ROOT, 'console'),
  path.join(ROOT, 'widget', 'markdown'),
  path.join(ROOT, 'bot', 'answers'),
];
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
export type ConsoleManifest = BundleManifest;

const bundler = createBundler({
  name: 'console',
  options: BUILD_OPTIONS,
  sourceDirs: SOURCE_DIRS,
  excludeFiles: [fileURLToPath(import.meta.url)],
  packages: BUNDLED_PACKAGES,
  outDir: CONSOLE_OUT_DIR,
});

/** Hashes the console sources, the bundled packages' versions and the build options. */
export const consoleInputsHash = bundler.inputsHash;
/** Builds the bundle into `outDir` and returns its manifest. */
export const buildConsole = bundler.build;
/** The manifest of the current bundle, building it first when it is missing or stale. */
export const ensureConsoleBuilt = bundler.ensureBuilt;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = await buildConsole();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  process.stdout.write(
    `dist/console/${manifest.file}: ${kib(manifest.bytes)} minified, ${kib(manifest.gzipBytes)} gzipped\n`,
  );
}
