import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../files/evidence.ts';
import { checkPage, resolvePageImport } from './check-claim-page.ts';

const pages = (dir: string): string[] =>
  readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === 'api' ? [] : pages(path.join(dir, entry.name))) : /\.mdx?$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
  );

describe('checkPage on the site’s own pages', () => {
  // Every page builds today, so any problem found here would be a false alarm of the checker.
  it.each([...pages('docs'), 'CONTRIBUTING.md'])('%s has no problem', async (page) => {
    expect((await checkPage(page, repoRoot)).problems).toEqual([]);
  });

  it('counts what it checked', async () => {
    const check = await checkPage('docs/modular-monolith/in-process-calls.mdx', repoRoot);
    expect(check.imports).toBeGreaterThan(10);
    expect(check.components).toBeGreaterThan(5);
  });
});

describe('checkPage on broken pages', () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  beforeAll(() => {
    // A repository of its own, with the real node_modules for the theme and client aliases.
    root = mkdtempSync(path.join(os.tmpdir(), 'check-page-'));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
    write('examples/demo/report.ts', 'export const resultTable = () => 1;\n');
    write('evidence/demo.json', '{"result": {}}\n');
    write('evidence/broken.json', '{"result": \n');
    write('src/components/Box.tsx', 'export default function Box() { return null; }\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('says where MDX cannot compile and how to write a brace in prose', async () => {
    write('docs/brace.mdx', '---\ntitle: Brace\n---\n\n# Title\n\nA latency of {p50 in prose.\n');
    const [problem] = (await checkPage('docs/brace.mdx', root)).problems;
    expect(problem).toMatch(/^docs\/brace\.mdx:7:\d+: MDX cannot compile it: .*write \\\{ or \\</);
  });

  it('refuses front matter that is not YAML', async () => {
    write('docs/front.mdx', '---\ntitle: A: b: c\n---\n\n# Title\n');
    expect((await checkPage('docs/front.mdx', root)).problems).toEqual([expect.stringMatching(/^docs\/front\.mdx: its front matter is not valid YAML/)]);
  });

  it('names each import that resolves to nothing, a name the lab module does not export, JSON that does not parse and a component used without its import', async () => {
    write(
      'docs/imports.mdx',
      [
        "import evidence from '@site/evidence/missing.json';",
        "import broken from '@site/evidence/broken.json';",
        "import source from '!!raw-loader!@site/examples/demo/experiment.ts';",
        "import { resultTable, keyFigure } from '@site/examples/demo/report';",
        "import Box from '@site/src/components/Box';",
        "import Link from '@docusaurus/Link';",
        "import CodeBlock from '@theme/CodeBlock';",
        "import Admonition from '@theme/Admonition';",
        '',
        '# Title',
        '',
        '<Box />',
        '<ResultTable table={resultTable()} />',
        '<Head><title>allowed without an import</title></Head>',
        '<div>html is fine</div>',
        '',
      ].join('\n'),
    );
    expect((await checkPage('docs/imports.mdx', root)).problems).toEqual([
      "docs/imports.mdx:1: the import '@site/evidence/missing.json' resolves to no file (write it with npm run evidence)",
      'docs/imports.mdx:2: evidence/broken.json is not valid JSON: write it again with npm run evidence',
      "docs/imports.mdx:3: the import '!!raw-loader!@site/examples/demo/experiment.ts' resolves to no file",
      'docs/imports.mdx:4: examples/demo/report.ts exports no `keyFigure` (it exports resultTable)',
      "docs/imports.mdx:13: <ResultTable> is used but not imported: add its import (the scaffolded page's comment lists them)",
    ]);
  });
});

describe('resolvePageImport', () => {
  const from = 'docs/nanoservices/chaining.mdx';
  it('resolves the aliases Docusaurus gives a page', () => {
    expect(resolvePageImport('@site/examples/nano-chaining/report', from, repoRoot)).toBe(path.join(repoRoot, 'examples/nano-chaining/report.ts'));
    expect(resolvePageImport('!!raw-loader!@site/examples/nano-chaining/experiment.ts', from, repoRoot)).toBe(path.join(repoRoot, 'examples/nano-chaining/experiment.ts'));
    expect(resolvePageImport('@theme/CodeBlock', from, repoRoot)).toMatch(/src\/theme\/CodeBlock\/index\.tsx$/);
    expect(resolvePageImport('@theme-original/CodeBlock', from, repoRoot)).toMatch(/theme-classic\/lib\/theme\/CodeBlock\/index\.js$/);
    expect(resolvePageImport('@docusaurus/useBaseUrl', from, repoRoot)).toMatch(/core\/lib\/client\/exports\/useBaseUrl\.js$/);
    expect(resolvePageImport('@generated/claim-figures/default/claim-figures.json', from, repoRoot)).toBe('@generated/claim-figures/default/claim-figures.json');
    expect(resolvePageImport('zod', from, repoRoot)).toBe(path.join(repoRoot, 'node_modules/zod'));
    expect(resolvePageImport('../intro.mdx', from, repoRoot)).toBe(path.join(repoRoot, 'docs/intro.mdx'));
  });

  it('finds nothing for a file, a raw-loader file without its extension, or a package that is not there', () => {
    expect(resolvePageImport('@site/examples/nano-chaining/nothing', from, repoRoot)).toBeUndefined();
    expect(resolvePageImport('!!raw-loader!@site/examples/nano-chaining/experiment', from, repoRoot)).toBeUndefined();
    expect(resolvePageImport('left-pad-of-nowhere', from, repoRoot)).toBeUndefined();
  });
});
