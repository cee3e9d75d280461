import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedJsonFiles, schemaUrl, type CheckedJsonFolder } from './index.ts';

const site = mkdtempSync(path.join(os.tmpdir(), 'checked-json-folder-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

/** A toy format: a JSON object with a numeric `n`. */
const numbers: CheckedJsonFolder = {
  source: 'data/numbers',
  served: 'numbers',
  described: 'the number files',
  problemsOf: (text, file) => (typeof (JSON.parse(text) as { n?: unknown }).n === 'number' ? [] : [`${file}: n: expected a number`]),
  jsonSchema: (id) => ({ ...(id ? { $id: id } : {}), type: 'object' }),
};

function folderWith(files: Readonly<Record<string, string>>): string {
  const siteDir = mkdtempSync(path.join(site, 'site-'));
  mkdirSync(path.join(siteDir, 'data', 'numbers'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(siteDir, 'data', 'numbers', name), text);
  return siteDir;
}

describe('checkedJsonFiles', () => {
  it('serves each JSON file as written, under the served folder, and the schema last', () => {
    const siteDir = folderWith({ 'b.json': '{"n": 2}', 'a.json': '{"n":1}', 'notes.txt': 'not served' });
    expect(checkedJsonFiles(numbers, siteDir, 'https://x.org/numbers/schema.json')).toEqual([
      { path: 'numbers/a.json', text: '{"n":1}' },
      { path: 'numbers/b.json', text: '{"n": 2}' },
      { path: 'numbers/schema.json', text: '{\n  "$id": "https://x.org/numbers/schema.json",\n  "type": "object"\n}\n' },
    ]);
  });

  it('refuses with every problem, the schema’s name taken included', () => {
    const siteDir = folderWith({ 'a.json': '{"n": "one"}', 'schema.json': '{"n": 1}' });
    expect(() => checkedJsonFiles(numbers, siteDir)).toThrow('2 problems in the number files:\n  data/numbers/a.json: n: expected a number\n  data/numbers/schema.json: the name is taken by the JSON Schema of the format');
  });
});

describe('schemaUrl', () => {
  it('places the schema under the site’s base URL', () => {
    expect(schemaUrl('systems', { url: 'https://lab.example.org', baseUrl: '/' })).toBe('https://lab.example.org/systems/schema.json');
    expect(schemaUrl('evidence', { url: 'https://a.github.io', baseUrl: '/lab/' })).toBe('https://a.github.io/lab/evidence/schema.json');
  });
});
