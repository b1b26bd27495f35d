import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildWidget,
  ensureWidgetBuilt,
  WIDGET_GZIP_BUDGET_BYTES,
  type WidgetManifest,
} from '../../widget/build.ts';

describe('widget build', () => {
  let outDir: string;
  let manifest: WidgetManifest;

  beforeAll(async () => {
    outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-widget-'));
    manifest = await buildWidget(outDir);
  });
  afterAll(async () => {
    await fs.rm(outDir, { recursive: true, force: true });
  });

  test('stays within 60 KiB gzipped, lit, marked and DOMPurify included', () => {
    expect(manifest.gzipBytes).toBeGreaterThan(10 * 1024);
    expect(manifest.gzipBytes).toBeLessThanOrEqual(WIDGET_GZIP_BUDGET_BYTES);
  });

  test('names the bundle by its content hash', async () => {
    expect(manifest.file).toBe(`widget.${manifest.hash}.js`);
    const bytes = await fs.readFile(path.join(outDir, manifest.file));
    expect(bytes.byteLength).toBe(manifest.bytes);
  });

  test('is a classic script (no import or export), so a plain script tag loads it', async () => {
    const code = await fs.readFile(path.join(outDir, manifest.file), 'utf8');
    expect(code.trimStart().startsWith('"use strict";(()=>{') || code.trimStart().startsWith('(()=>{')).toBe(
      true,
    );
    expect(code).not.toMatch(/^\s*(import|export)\s/mu);
    expect(code).toContain('customElements');
  });

  test('reuses an up-to-date bundle and rebuilds a missing one', async () => {
    const again = await ensureWidgetBuilt(outDir);
    expect(again).toEqual(manifest);
    await fs.rm(path.join(outDir, manifest.file));
    const rebuilt = await ensureWidgetBuilt(outDir);
    expect(rebuilt.file).toBe(manifest.file);
    await expect(fs.access(path.join(outDir, rebuilt.file))).resolves.toBeUndefined();
  });

  test('rebuilds when the manifest belongs to other sources', async () => {
    await fs.writeFile(
      path.join(outDir, 'manifest.json'),
      JSON.stringify({ ...manifest, inputsHash: 'stale' }),
    );
    const rebuilt = await ensureWidgetBuilt(outDir);
    expect(rebuilt.inputsHash).toBe(manifest.inputsHash);
  });
});
