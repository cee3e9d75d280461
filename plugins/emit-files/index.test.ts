import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmitFiles, type SiteFile } from './index.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * Runs the plugin's processAssets step once on a stand-in for the bundler's compiler (the part of
 * Webpack's and Rspack's API it uses), and returns what the compilation received.
 */
function compileOnce(plugin: EmitFiles) {
  const emitted: Record<string, string> = {};
  const errors: Error[] = [];
  const fileDependencies = new Set<string>();
  const contextDependencies = new Set<string>();
  const stages: number[] = [];
  class RawSource {
    constructor(readonly text: string) {}
  }
  const compilation = {
    errors,
    fileDependencies,
    contextDependencies,
    emitAsset: (name: string, source: RawSource) => void (emitted[name] = source.text),
    hooks: { processAssets: { tap: (options: { stage: number }, step: () => void) => (stages.push(options.stage), step()) } },
  };
  const compiler = {
    webpack: { Compilation: { PROCESS_ASSETS_STAGE_ADDITIONAL: -2000 }, sources: { RawSource }, WebpackError: Error },
    hooks: { thisCompilation: { tap: (_name: string, start: (c: typeof compilation) => void) => start(compilation) } },
  };
  plugin.apply(compiler as never);
  return { emitted, errors, fileDependencies, contextDependencies, stages };
}

function folderWith(...names: string[]): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'emit-files-'));
  folders.push(folder);
  for (const name of names) writeFileSync(path.join(folder, name), '{}');
  return folder;
}

describe('EmitFiles', () => {
  it('adds every file to the output at its path, as an additional asset', () => {
    const files: SiteFile[] = [
      { path: 'evidence/a.json', text: '{"a":1}\n' },
      { path: 'evidence/schema.json', text: '{}' },
    ];
    const { emitted, errors, stages } = compileOnce(new EmitFiles('test', folderWith(), () => files));
    expect(emitted).toEqual({ 'evidence/a.json': '{"a":1}\n', 'evidence/schema.json': '{}' });
    expect(errors).toEqual([]);
    expect(stages).toEqual([-2000]);
  });

  it('reads the files again for every compilation, so that a changed file is served as it is now', () => {
    let text = 'first';
    const plugin = new EmitFiles('test', folderWith(), () => [{ path: 'f.json', text }]);
    expect(compileOnce(plugin).emitted['f.json']).toBe('first');
    text = 'second';
    expect(compileOnce(plugin).emitted['f.json']).toBe('second');
  });

  it('watches the folder and each of its files, so that an edit compiles again', () => {
    const folder = folderWith('a.json', 'b.json');
    const { fileDependencies, contextDependencies } = compileOnce(new EmitFiles('test', folder, () => []));
    expect([...contextDependencies]).toEqual([folder]);
    expect([...fileDependencies].sort()).toEqual([path.join(folder, 'a.json'), path.join(folder, 'b.json')]);
  });

  it('fails the compilation with the message of a file that cannot be served, and emits nothing', () => {
    const folder = folderWith('a.json');
    const { emitted, errors, fileDependencies } = compileOnce(
      new EmitFiles('evidence-files', folder, () => {
        throw new Error('evidence/a.json: stamp.cores: Invalid input');
      }),
    );
    expect(errors.map((error) => error.message)).toEqual(['evidence-files: evidence/a.json: stamp.cores: Invalid input']);
    expect(emitted).toEqual({});
    expect(fileDependencies.size, 'still watched, so that the fix is picked up').toBe(1);
  });
});
