/**
 * Where the screenshot suites write their pictures. The committed ones (docs/screenshots/) are rewritten
 * only when asked, with `UPDATE_SCREENSHOTS=1` (and only when the picture changed); otherwise each fresh
 * picture goes to tests/.tmp/screenshots/ (git-ignored) to look at, so `npm test` leaves the work tree
 * as it found it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** Where pictures go when the committed ones are not to be touched. */
export const SCRATCH_SCREENSHOT_DIR = path.resolve('tests/.tmp/screenshots');

/**
 * Keeps a fresh screenshot for the committed `file`: rewrites `file` when `update` (default: the
 * UPDATE_SCREENSHOTS=1 environment) and the picture is not `unchanged`; else writes a scratch copy.
 * Returns the path written, or null when nothing was.
 */
export async function keepScreenshot(
  file: string,
  png: Buffer,
  unchanged: boolean,
  update = process.env.UPDATE_SCREENSHOTS === '1',
): Promise<string | null> {
  if (update) {
    if (unchanged) return null;
    await fs.writeFile(file, png);
    return file;
  }
  const scratch = path.join(SCRATCH_SCREENSHOT_DIR, path.basename(file));
  await fs.mkdir(SCRATCH_SCREENSHOT_DIR, { recursive: true });
  await fs.writeFile(scratch, png);
  return scratch;
}
