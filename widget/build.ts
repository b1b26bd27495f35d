/**
 * Builds the widget bundle with esbuild: one minified classic script (IIFE, so it works from a plain
 * `<script src defer>` on any shop page) named by its content hash, plus `manifest.json`. The server calls
 * `ensureWidgetBuilt()` at start and rebuilds only when the sources or the bundled libraries changed, so
 * `npm start` works on a fresh clone. CLI: `npm run build:widget` (prints the sizes).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { type BundleManifest, createBundler, ROOT } from '../tools/esbuild-bundle.ts';

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
export type WidgetManifest = BundleManifest;

const bundler = createBundler({
  name: 'widget',
  options: BUILD_OPTIONS,
  sourceDirs: [WIDGET_DIR],
  excludeFiles: [fileURLToPath(import.meta.url)],
  packages: BUNDLED_PACKAGES,
  outDir: WIDGET_OUT_DIR,
});

/** Hashes the widget sources, the bundled packages' versions and the build options. */
export const widgetInputsHash = bundler.inputsHash;
/** Builds the bundle into `outDir` and returns its manifest. */
export const buildWidget = bundler.build;
/** The manifest of the current bundle, building it first when it is missing or stale. */
export const ensureWidgetBuilt = bundler.ensureBuilt;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = await buildWidget();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  process.stdout.write(
    `dist/widget/${manifest.file}: ${kib(manifest.bytes)} minified, ${kib(manifest.gzipBytes)} gzipped ` +
      `(budget ${kib(WIDGET_GZIP_BUDGET_BYTES)})\n`,
  );
  if (manifest.gzipBytes > WIDGET_GZIP_BUDGET_BYTES) process.exitCode = 1;
}
