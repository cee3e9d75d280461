import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSystemFile } from '../model/system-file.ts';
import { cutNamesOf, loadReferenceSystem, referenceSystemNames } from './system-choices.ts';

const systemsFolder = new URL('../../systems/', import.meta.url);

describe('the reference systems a reader can pick in the page', () => {
  it('are every file of examples/systems, by name, sorted', () => {
    const files = readdirSync(systemsFolder).filter((name) => name.endsWith('.json')).map((name) => name.replace(/\.json$/, '')).sort();
    expect(referenceSystemNames).toEqual(files);
  });

  it.for(referenceSystemNames)('%s loads as its file’s JSON, under the path the command line is given', async (name) => {
    const loaded = await loadReferenceSystem(name);
    expect(loaded.file).toBe(`examples/systems/${name}.json`);
    expect(JSON.parse(loaded.text)).toEqual(JSON.parse(readFileSync(new URL(`${name}.json`, systemsFolder), 'utf8')));
    expect(parseSystemFile(loaded.text, loaded.file).name).toBe(name);
  });

  it('refuses a name that is not a reference system, naming those that are', async () => {
    await expect(loadReferenceSystem('my-shop')).rejects.toThrow('there is no reference system named "my-shop"; the reference systems: alibaba-tree, ');
    // A name an object has without being given it is not a reference system either.
    await expect(loadReferenceSystem('constructor')).rejects.toThrow(RangeError);
  });
});

describe('cutNamesOf (the cuts to choose from, before the file is checked)', () => {
  it('lists monolith and nanoservices, then the file’s own cuts in its order', () => {
    expect(cutNamesOf(JSON.stringify({ cuts: { microservices: [], 'modular-monolith': [] } }))).toEqual(['monolith', 'nanoservices', 'microservices', 'modular-monolith']);
  });

  it('lists only the cuts every system has when the text is not JSON or has no cuts object', () => {
    expect(cutNamesOf('{ "cuts": ')).toEqual(['monolith', 'nanoservices']);
    expect(cutNamesOf('{ "name": "tiny" }')).toEqual(['monolith', 'nanoservices']);
    expect(cutNamesOf('{ "cuts": ["microservices"] }')).toEqual(['monolith', 'nanoservices']);
    expect(cutNamesOf('[]')).toEqual(['monolith', 'nanoservices']);
  });

  it('lists monolith once when the file names a cut monolith too: the check before the run refuses the file', () => {
    expect(cutNamesOf('{ "cuts": { "monolith": [], "edge": [] } }')).toEqual(['monolith', 'nanoservices', 'edge']);
  });
});
