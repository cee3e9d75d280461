import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScaffoldText, firstClaimPlaceholder, skeletonSentences } from './scaffold-markers.ts';
import { templatesDir } from './scaffold-template.ts';

const templateTexts = (dir = templatesDir): Array<{ name: string; text: string }> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateTexts(path.join(dir, entry.name)) : entry.name.endsWith('.tmpl') ? [{ name: entry.name, text: readFileSync(path.join(dir, entry.name), 'utf8') }] : [],
  );

describe('findScaffoldText', () => {
  it('finds TODO markers, skeleton sentences and the first-claim placeholder, with their line numbers', () => {
    const text = ['// TODO: measure it', 'const ok = 1;', `  return { because: '${skeletonSentences[1]}' };`, `Demo: ${firstClaimPlaceholder}`].join('\n');
    expect(findScaffoldText(text)).toEqual([
      { line: 1, text: '// TODO: measure it' },
      { line: 3, text: `return { because: '${skeletonSentences[1]}' };` },
      { line: 4, text: `Demo: ${firstClaimPlaceholder}` },
    ]);
  });

  it('finds nothing in finished text, and no TODO inside another word', () => {
    expect(findScaffoldText('const todos = [];\nconst TODOLIST = 1;\n// measured side by side\n')).toEqual([]);
  });
});

// The markers must keep up with the templates: a template without one would pass the check while
// still a skeleton, and a sentence listed here but in no template would check for nothing.
describe('the markers and the templates', () => {
  it.each(templateTexts().map(({ name, text }) => [name, text]))('%s has scaffold text to find', (_name, text) => {
    expect(findScaffoldText(text).length).toBeGreaterThan(0);
  });

  it.each(skeletonSentences)('"%s" occurs in a template', (sentence) => {
    expect(templateTexts().some(({ text }) => text.includes(sentence))).toBe(true);
  });
});
