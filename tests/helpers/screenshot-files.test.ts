import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { keepScreenshot, SCRATCH_SCREENSHOT_DIR } from './screenshot-files.ts';

async function committedFile(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shots-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, `widget-test-${process.pid}.png`);
  await fs.writeFile(file, 'old');
  onTestFinished(() => fs.rm(path.join(SCRATCH_SCREENSHOT_DIR, path.basename(file)), { force: true }));
  return file;
}

describe('keepScreenshot', () => {
  test('leaves a committed screenshot alone unless asked', async () => {
    const file = await committedFile();
    const written = await keepScreenshot(file, Buffer.from('new'), false, false);
    expect(await fs.readFile(file, 'utf8')).toBe('old');
    expect(written).toBe(path.join(SCRATCH_SCREENSHOT_DIR, path.basename(file)));
    expect(await fs.readFile(written!, 'utf8')).toBe('new');
  });

  test('rewrites a changed committed screenshot when asked', async () => {
    const file = await committedFile();
    expect(await keepScreenshot(file, Buffer.from('new'), false, true)).toBe(file);
    expect(await fs.readFile(file, 'utf8')).toBe('new');
  });

  test('keeps an unchanged committed screenshot byte for byte even when asked', async () => {
    const file = await committedFile();
    expect(await keepScreenshot(file, Buffer.from('new'), true, true)).toBeNull();
    expect(await fs.readFile(file, 'utf8')).toBe('old');
  });

  test('is not asked by default', async () => {
    const file = await committedFile();
    const before = process.env.UPDATE_SCREENSHOTS;
    delete process.env.UPDATE_SCREENSHOTS;
    onTestFinished(() => {
      if (before !== undefined) process.env.UPDATE_SCREENSHOTS = before;
    });
    await keepScreenshot(file, Buffer.from('new'), false);
    expect(await fs.readFile(file, 'utf8')).toBe('old');
  });
});
