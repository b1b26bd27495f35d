import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildConsole,
  type ConsoleManifest,
  consoleInputsHash,
  ensureConsoleBuilt,
} from '../../console/build.ts';

describe('console build', () => {
  let outDir: string;
  let manifest: ConsoleManifest;

  beforeAll(async () => {
    outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-console-'));
    manifest = await buildConsole(outDir);
  });
  afterAll(async () => {
    await fs.rm(outDir, { recursive: true, force: true });
  });

  test('is one ES module named by its content hash, defining the console elements', async () => {
    expect(manifest.file).toBe(`console.${manifest.hash}.js`);
    const code = await fs.readFile(path.join(outDir, manifest.file), 'utf8');
    expect(Buffer.byteLength(code)).toBe(manifest.bytes);
    expect(code).toContain('console-app');
    expect(code).toContain('customElements');
  });

  test("the manifest records the sources' hash, and an up-to-date bundle is reused", async () => {
    expect(manifest.inputsHash).toBe(await consoleInputsHash());
    expect(await ensureConsoleBuilt(outDir)).toEqual(manifest);
  });

  test('rebuilds when the manifest belongs to other sources', async () => {
    await fs.writeFile(
      path.join(outDir, 'manifest.json'),
      JSON.stringify({ ...manifest, inputsHash: 'stale' }),
    );
    expect((await ensureConsoleBuilt(outDir)).inputsHash).toBe(manifest.inputsHash);
  });
});
