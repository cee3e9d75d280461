import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiPageProblems, checkApiPages } from './api-pages.ts';

// What typedoc-plugin-markdown writes for a function whose JSDoc says "<slug>" outside backticks.
const page = (summary: string) => `# Function: splitSlug()

> **splitSlug**(\`text\`): \`string\`[]

Defined in: [examples/lab/scaffold/scaffold-identifier.ts:12](https://github.com/example/repo/blob/main/examples/lab/scaffold/scaffold-identifier.ts#L12)

${summary}
`;

describe('apiPageProblems', () => {
  it('passes a page whose words in angle brackets are in backticks', async () => {
    expect(await apiPageProblems('docs/api/scaffold/functions/splitSlug.md', page('Splits a `<slug>` at its dashes.'))).toEqual([]);
  });

  it('refuses a tag that never closes, naming the page, the JSDoc it comes from and what to write', async () => {
    const [problem, ...rest] = await apiPageProblems('docs/api/scaffold/functions/splitSlug.md', page('Splits a <slug> at its dashes.'));
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^docs\/api\/scaffold\/functions\/splitSlug\.md: MDX: /);
    expect(problem).toContain('the JSDoc in examples/lab/scaffold/scaffold-identifier.ts');
    expect(problem).toMatch(/in backticks$/);
  });

  it('refuses a brace that starts an expression', async () => {
    expect(await apiPageProblems('docs/api/x.md', page('Returns {at all} the rows.'))).toHaveLength(1);
  });
});

describe('checkApiPages', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'api-pages-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads every Markdown page in the folder and its subfolders, and only those', async () => {
    mkdirSync(path.join(folder, 'scaffold', 'functions'), { recursive: true });
    writeFileSync(path.join(folder, 'index.md'), '# API\n');
    writeFileSync(path.join(folder, 'scaffold', 'functions', 'splitSlug.md'), page('Splits a <slug>.'));
    writeFileSync(path.join(folder, 'scaffold', '_category_.json'), '{"label": "<not a page>"}');
    const { pages, problems } = await checkApiPages(folder);
    expect(pages).toBe(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(path.join('scaffold', 'functions', 'splitSlug.md'));
  });
});
