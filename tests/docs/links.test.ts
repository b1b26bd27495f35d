/**
 * Every relative link in the README and docs/ resolves: the file or folder exists, and a `#fragment`
 * names a heading of the target as GitHub renders it. Links inside code are not links and are skipped;
 * absolute URLs are not fetched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MARKDOWN_FILES = [
  'README.md',
  ...fs
    .readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text without fenced code blocks and inline code, where `[x](y)` is not a link. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gmu, '').replace(/`[^`\n]*`/gu, '');
}

/** Link targets: markdown links and images, and the src/href of inline HTML. */
function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const inline = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/gu)].map((m) => m[1]!);
  const html = [...text.matchAll(/\b(?:src|href)="([^"]+)"/gu)].map((m) => m[1]!);
  return [...inline, ...html];
}

/** GitHub's anchor for each heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gmu, '')
    .matchAll(/^#{1,6}\s+(.+?)\s*#*$/gmu)) {
    const text = match[1]!.replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/gu, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The relative links of `file` (its text `markdown`) that do not resolve, each with the reason. */
function brokenLinks(
  file: string,
  markdown: string,
  read = (p: string) => fs.readFileSync(p, 'utf8'),
): string[] {
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/iu.test(target)) continue;
    const [pathPart = '', fragment] = target.split('#');
    const resolved = pathPart === '' ? file : path.join(path.dirname(file), decodeURI(pathPart));
    if (pathPart !== '' && !fs.existsSync(resolved)) {
      broken.push(`${target}: no such file`);
      continue;
    }
    if (fragment === undefined || !resolved.endsWith('.md')) continue;
    const text = resolved === file ? markdown : read(resolved);
    if (!headingAnchors(text).has(decodeURIComponent(fragment))) broken.push(`${target}: no such heading`);
  }
  return broken;
}

describe('relative links in the README and docs/', () => {
  it.each(MARKDOWN_FILES)('resolve in %s', (file) => {
    expect(brokenLinks(file, fs.readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('are found broken when a file or a heading is missing, and ignored inside code', () => {
    const sample = [
      '# Guide',
      '## Dialogue flows',
      'See [the flows](#dialogue-flows), [the deployment](deployment.md#abuse-limits) and',
      '[a lost page](missing.md), [a lost heading](deployment.md#no-such-part), [a lost section](#nowhere),',
      '<img src="screenshots/none.png"> and `[code](not-a-link.md)`.',
      '```yaml',
      'answer: "[マイページ]({{myPageUrl}})"',
      '```',
    ].join('\n');
    expect(brokenLinks('docs/sample.md', sample)).toEqual([
      'missing.md: no such file',
      'deployment.md#no-such-part: no such heading',
      '#nowhere: no such heading',
      'screenshots/none.png: no such file',
    ]);
  });
});
