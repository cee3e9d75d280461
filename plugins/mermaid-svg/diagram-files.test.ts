import { describe, expect, it } from 'vitest';
import { diagramFileOf, diagramFilePath, diagramHash, diagramName } from './diagram-files.ts';

describe('diagramHash', () => {
  it('is FNV-1a with 64 bits: the published test vectors', () => {
    expect(diagramHash('')).toBe('cbf29ce484222325');
    expect(diagramHash('a')).toBe('af63dc4c8601ec8c');
    expect(diagramHash('foobar')).toBe('85944171f73967e8');
  });

  it('hashes the UTF-8 bytes, so a label outside ASCII hashes as in the browser', () => {
    // "é" is c3 a9 in UTF-8 (vector from an independent implementation); its UTF-16 code unit e9 alone would give af64644c8602d3a4.
    expect(diagramHash('é')).toBe('0ac21707b7181e01');
  });

  it('tells apart sources that differ by one character, and always writes 16 digits', () => {
    const one = diagramHash('flowchart LR\n  a --> b');
    const other = diagramHash('flowchart LR\n  a --> c');
    expect(one).not.toBe(other);
    for (const text of ['', 'x', 'flowchart TD', '🙂'.repeat(50)]) expect(diagramHash(text)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('diagram files', () => {
  it('names one SVG file per colour mode under diagrams/, and reads it back from an image address', () => {
    const hash = diagramHash('flowchart LR\n  a --> b');
    expect(diagramFilePath(hash, 'light')).toBe(`diagrams/${hash}.light.svg`);
    expect(diagramFileOf(`/granularity-lab/${diagramFilePath(hash, 'dark')}`)).toEqual({ hash, mode: 'dark' });
    expect(diagramFileOf(diagramFilePath(hash, 'light'))).toEqual({ hash, mode: 'light' });
  });

  it('reads nothing from another address', () => {
    expect(diagramFileOf('/img/logo.svg')).toBeUndefined();
    expect(diagramFileOf('/diagrams/af63dc4c8601ec8c.sepia.svg')).toBeUndefined();
    expect(diagramFileOf('/mydiagrams/af63dc4c8601ec8c.light.svg')).toBeUndefined();
    expect(diagramFileOf('/diagrams/af63dc4c8601ec8c.light.svg?x')).toBeUndefined();
  });
});

describe('diagramName', () => {
  it('reads the accTitle line of the source', () => {
    expect(diagramName('flowchart LR\n  accTitle: The checkout as microservices: 3 deploy units  \n  a --> b')).toBe('The checkout as microservices: 3 deploy units');
  });

  it('prefers the title the page gives', () => {
    expect(diagramName('flowchart LR\n  accTitle: From the source\n  a --> b', 'From the page')).toBe('From the page');
    expect(diagramName('flowchart LR\n  accTitle: From the source', '  ')).toBe('From the source');
  });

  it('has none when neither gives one (an accDescr is not a name)', () => {
    expect(diagramName('flowchart LR\n  accDescr: a description\n  a --> b')).toBeUndefined();
    // An empty accTitle does not borrow the next line.
    expect(diagramName('flowchart LR\n  accTitle:\n  a --> b')).toBeUndefined();
  });
});
