/**
 * A content-hashed esbuild bundle with a manifest, rebuilt only when its inputs change: the one build
 * routine behind the widget (widget/build.ts) and the staff console (console/build.ts). The server calls
 * `ensureBuilt()` at start, so `npm start` works on a fresh clone without a separate build step.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BuildOptions } from 'esbuild';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What a build produced (`manifest.json`). */
export interface BundleManifest {
  /** The bundle's file name in the output folder, `<name>.<hash>.js`. */
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

/** One bundle's recipe. */
export interface BundleSpec {
  /** File name prefix and error code prefix (`widget` → widget.<hash>.js, WIDGET_ERR_BUILD). */
  name: string;
  /** esbuild options; `write: false` is forced (the bundler names and writes the file itself). */
  options: BuildOptions;
  /** Folders whose `.ts` files are the sources; a change in any of them makes the bundle stale. */
  sourceDirs: readonly string[];
  /** Files under `sourceDirs` that are not sources (the build script itself). */
  excludeFiles?: readonly string[];
  /** Packages whose code is in the bundle: a new version makes the bundle stale. */
  packages: readonly string[];
  /** Default output folder (gitignored). */
  outDir: string;
}

/** Build, check and ensure one bundle. */
export interface Bundler {
  inputsHash(): Promise<string>;
  build(outDir?: string): Promise<BundleManifest>;
  ensureBuilt(outDir?: string): Promise<BundleManifest>;
}

async function listSources(dir: string, exclude: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listSources(full, exclude)));
    else if (entry.name.endsWith('.ts') && !exclude.has(full)) found.push(full);
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

/** Writes a file atomically (parallel builds of the same inputs write identical bytes). */
async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/** The bundler of one spec. */
export function createBundler(spec: BundleSpec): Bundler {
  const exclude = new Set(spec.excludeFiles ?? []);
  const options: BuildOptions = { ...spec.options, write: false };

  const inputsHash = async (): Promise<string> => {
    const hash = createHash('sha256');
    // Options without absolute paths, so the hash is the same in every checkout.
    const entryPoints = (options.entryPoints as string[] | undefined)?.map((p) => path.relative(ROOT, p));
    hash.update(JSON.stringify({ ...options, entryPoints, tsconfig: '' }));
    for (const dir of spec.sourceDirs) {
      for (const file of await listSources(dir, exclude)) {
        hash
          .update(path.relative(ROOT, file))
          .update('\0')
          .update(await fs.readFile(file))
          .update('\0');
      }
    }
    for (const name of spec.packages) hash.update(`${name}@${await packageVersion(name)}\0`);
    return hash.digest('hex').slice(0, 16);
  };

  const build = async (outDir = spec.outDir): Promise<BundleManifest> => {
    const esbuild = await import('esbuild');
    const inputs = await inputsHash();
    const result = await esbuild.build(options);
    const output = result.outputFiles?.[0];
    if (!output) throw new Error(`${spec.name.toUpperCase()}_ERR_BUILD: esbuild produced no output`);
    const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 16);
    const manifest: BundleManifest = {
      file: `${spec.name}.${hash}.js`,
      hash,
      bytes: output.contents.byteLength,
      gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
      inputsHash: inputs,
    };
    await fs.mkdir(outDir, { recursive: true });
    await writeAtomic(path.join(outDir, manifest.file), output.contents);
    await writeAtomic(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  };

  const ensureBuilt = async (outDir = spec.outDir): Promise<BundleManifest> => {
    try {
      const manifest = JSON.parse(
        await fs.readFile(path.join(outDir, 'manifest.json'), 'utf8'),
      ) as BundleManifest;
      await fs.access(path.join(outDir, manifest.file));
      if (manifest.inputsHash === (await inputsHash())) return manifest;
    } catch {
      // No bundle yet (or a damaged manifest): build one below.
    }
    return build(outDir);
  };

  return { inputsHash, build, ensureBuilt };
}
