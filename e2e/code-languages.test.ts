import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPagePaths, serveBuild } from './site-server.ts';

// Code is highlighted on the server (plugins/code-highlighting) with the languages Prism knows: the
// ones prism-react-renderer bundles and themeConfig.prism.additionalLanguages. A block in any other
// language comes out as plain text, one `token plain` per line, and nothing fails: this test does.
let site: Awaited<ReturnType<typeof serveBuild>>;
beforeAll(async () => {
  site = await serveBuild();
});
afterAll(() => site?.close());

/** Languages whose blocks are meant to be plain. */
const plainLanguages = new Set(['text', 'txt', 'plain', 'plaintext']);

interface Block {
  readonly page: string;
  readonly language: string;
  readonly html: string;
}

async function codeBlocks(): Promise<Block[]> {
  const blocks: Block[] = [];
  for (const page of builtPagePaths()) {
    const html = await (await fetch(`${site.root}${page}`)).text();
    for (const match of html.matchAll(/<pre\b[^>]*class="prism-code language-([\w+-]+)[^"]*"[^>]*>([\s\S]*?)<\/pre>/g)) {
      blocks.push({ page, language: match[1] as string, html: match[2] as string });
    }
  }
  return blocks;
}

const highlighted = (block: Block) => /class="token (?!plain")[^"]+"/.test(block.html);

describe('code blocks on the built pages', () => {
  it('are highlighted in every language they are written in', async () => {
    const blocks = await codeBlocks();
    expect(blocks.length).toBeGreaterThan(50);
    const unhighlighted = blocks.filter((block) => !plainLanguages.has(block.language) && !highlighted(block)).map((block) => `${block.page}: ${block.language}`);
    expect(unhighlighted, 'blocks left plain: add their language to themeConfig.prism.additionalLanguages').toEqual([]);
  });

  it('highlight the Dockerfile of the containers page: its instructions are keywords', async () => {
    const dockerfiles = (await codeBlocks()).filter((block) => block.language === 'dockerfile' || block.language === 'docker');
    expect(dockerfiles.map((block) => block.page)).toContain('/docs/microservices/containers');
    for (const block of dockerfiles) {
      expect(block.html, `${block.page}: FROM as a keyword`).toMatch(/<span class="token [^"]*\bkeyword\b[^"]*">FROM<\/span>/);
    }
  });
});
