import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { afterEach, describe, expect, it } from 'vitest';
import { systemJsonSchema } from '../../examples/lab/model/system-file.ts';
import { EmitFiles } from '../emit-files/index.ts';
import systemFilesPlugin, { systemSiteFiles } from './index.ts';

const committed = readdirSync('examples/systems').filter((name) => name.endsWith('.json'));
const shop = readFileSync('examples/systems/shop.json', 'utf8');

const folders: string[] = [];
/** A site folder of its own whose examples/systems holds `files` (name → text). */
function siteWith(files: Readonly<Record<string, string>>): string {
  const site = mkdtempSync(path.join(os.tmpdir(), 'system-files-'));
  folders.push(site);
  mkdirSync(path.join(site, 'examples', 'systems'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(site, 'examples', 'systems', name), text);
  return site;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('systemSiteFiles', () => {
  it('serves every reference system byte for byte, and the format as JSON Schema beside them', () => {
    const address = 'https://granularity-lab.github.io/granularity-lab/systems/schema.json';
    const files = systemSiteFiles('.', address);
    expect(files.map((file) => file.path)).toEqual([...committed.map((name) => `systems/${name}`).sort(), 'systems/schema.json']);
    expect(files.find((file) => file.path === 'systems/shop.json')?.text).toBe(shop);
    expect(JSON.parse(files.at(-1)?.text ?? '')).toEqual(systemJsonSchema(address));
  });

  it('fails on a file the lab cannot use, naming the file and each problem', () => {
    const cyclic = JSON.parse(shop);
    cyclic.operations.email.calls = [{ sync: 'checkout' }];
    const site = siteWith({ 'shop.json': JSON.stringify(cyclic), 'broken.json': '{' });
    expect(() => systemSiteFiles(site)).toThrow(/^2 problems in the system files .*\n {2}examples\/systems\/broken\.json: not JSON: .*\n {2}examples\/systems\/shop\.json: operations: the calls make a cycle, checkout → email → checkout/);
  });

  it('refuses a system file named schema.json, the JSON Schema’s name', () => {
    expect(() => systemSiteFiles(siteWith({ 'schema.json': shop }))).toThrow('examples/systems/schema.json: the name is taken by the JSON Schema of the format');
  });
});

describe('the system-files plugin', () => {
  const contextOf = (siteDir: string) => ({ siteDir, siteConfig: { url: 'https://example.org', baseUrl: '/lab/' } }) as unknown as LoadContext;

  it('fails the build when it loads its content and a file is malformed', async () => {
    const plugin = systemFilesPlugin(contextOf(siteWith({ 'shop.json': '{"name": "shop"}' })));
    await expect(async () => plugin.loadContent?.()).rejects.toThrow(/examples\/systems\/shop\.json: entry: /);
  });

  it('emits the files in the client build only: the server build is not served', () => {
    const plugin = systemFilesPlugin(contextOf(siteWith({})));
    const configure = (isServer: boolean) => plugin.configureWebpack?.({}, isServer, {} as never, undefined);
    expect(configure(true)).toEqual({});
    expect(configure(false)).toMatchObject({ plugins: [expect.any(EmitFiles)] });
  });
});
