import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { afterEach, describe, expect, it } from 'vitest';
import { evidenceJsonSchema } from '../../examples/lab/experiment/evidence-schema.ts';
import { EmitFiles } from '../emit-files/index.ts';
import evidenceFilesPlugin, { evidenceSchemaUrl, evidenceSiteFiles } from './index.ts';

const committed = readdirSync('evidence').filter((name) => name.endsWith('.json'));
const chaining = () => JSON.parse(readFileSync('evidence/nano-chaining.json', 'utf8')) as { stamp: Record<string, unknown>; title?: string };

const folders: string[] = [];
/** A site folder of its own with an evidence folder holding `files` (name → text). */
function siteWith(files: Readonly<Record<string, string>>): string {
  const site = mkdtempSync(path.join(os.tmpdir(), 'evidence-files-'));
  folders.push(site);
  mkdirSync(path.join(site, 'evidence'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(site, 'evidence', name), text);
  return site;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('evidenceSiteFiles', () => {
  it('serves every committed evidence file byte for byte, and the format as JSON Schema beside them', () => {
    const address = 'https://granularity-lab.github.io/granularity-lab/evidence/schema.json';
    const files = evidenceSiteFiles('.', address);
    expect(files.map((file) => file.path)).toEqual([...committed.map((name) => `evidence/${name}`).sort(), 'evidence/schema.json']);
    for (const name of committed) expect(files.find((file) => file.path === `evidence/${name}`)?.text).toBe(readFileSync(path.join('evidence', name), 'utf8'));
    expect(JSON.parse(files.at(-1)?.text ?? '')).toEqual(evidenceJsonSchema(address));
  });

  it('fails on a malformed file with its name, the field and what is wrong', () => {
    const bad = chaining();
    bad.stamp.cores = 'two';
    const site = siteWith({ 'nano-chaining.json': JSON.stringify(bad) });
    expect(() => evidenceSiteFiles(site)).toThrow('evidence/nano-chaining.json: stamp.cores: Invalid input: expected number, received string');
  });

  it('lists the problems of every bad file, not only the first, and passes over the good ones', () => {
    const noTitle = chaining();
    delete noTitle.title;
    const site = siteWith({ 'nano-chaining.json': JSON.stringify(noTitle), 'micro-redundancy.json': '{"claim": ', 'nano-anti-pattern.json': readFileSync('evidence/nano-anti-pattern.json', 'utf8') });
    expect(() => evidenceSiteFiles(site)).toThrow(/^2 problems in the evidence files .*\n {2}evidence\/micro-redundancy\.json: not JSON: .*\n {2}evidence\/nano-chaining\.json: title: Invalid input: expected string, received undefined$/);
  });

  it('refuses a file under another claim’s name', () => {
    const site = siteWith({ 'micro-redundancy.json': readFileSync('evidence/nano-chaining.json', 'utf8') });
    expect(() => evidenceSiteFiles(site)).toThrow('evidence/micro-redundancy.json: claim: "nano-chaining" is not the claim the file is named for ("micro-redundancy")');
  });

  it('refuses an evidence file named schema.json, the JSON Schema’s name', () => {
    const site = siteWith({ 'schema.json': '{}' });
    expect(() => evidenceSiteFiles(site)).toThrow('evidence/schema.json: the name is taken by the JSON Schema of the format');
  });

  it('serves the JSON Schema alone when there is no evidence yet', () => {
    const site = siteWith({});
    expect(evidenceSiteFiles(site).map((file) => file.path)).toEqual(['evidence/schema.json']);
  });
});

describe('the evidence-files plugin', () => {
  const contextOf = (siteDir: string) => ({ siteDir, siteConfig: { url: 'https://example.org', baseUrl: '/lab/' } }) as unknown as LoadContext;

  it('fails the build when it loads its content and a file is malformed', async () => {
    const bad = chaining();
    bad.stamp.sourceHash = 'abc';
    const plugin = evidenceFilesPlugin(contextOf(siteWith({ 'nano-chaining.json': JSON.stringify(bad) })));
    await expect(async () => plugin.loadContent?.()).rejects.toThrow(/evidence\/nano-chaining\.json: stamp\.sourceHash: /);
  });

  it('emits the files in the client build only: the server build is not served', () => {
    const plugin = evidenceFilesPlugin(contextOf(siteWith({})));
    const configure = (isServer: boolean) => plugin.configureWebpack?.({}, isServer, {} as never, undefined);
    expect(configure(true)).toEqual({});
    expect(configure(false)).toMatchObject({ plugins: [expect.any(EmitFiles)] });
  });
});

describe('evidenceSchemaUrl', () => {
  it('places the JSON Schema under the site’s base URL', () => {
    expect(evidenceSchemaUrl({ url: 'https://granularity-lab.github.io', baseUrl: '/granularity-lab/' })).toBe('https://granularity-lab.github.io/granularity-lab/evidence/schema.json');
    expect(evidenceSchemaUrl({ url: 'https://lab.example.org', baseUrl: '/' })).toBe('https://lab.example.org/evidence/schema.json');
  });
});
