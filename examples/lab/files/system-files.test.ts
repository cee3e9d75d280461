import { describe, expect, it } from 'vitest';
import { readSystemFile, readSystemFileAt, referenceSystems } from './system-files.ts';

describe('system files', () => {
  it('reads a file named by URL and reports it by its path from the repository root', () => {
    const found = readSystemFileAt(new URL('../../systems/shop.json', import.meta.url));
    expect(found.file).toBe('examples/systems/shop.json');
    expect(found.system.entry).toBe('checkout');
  });

  it('refuses a file that is not there, naming it', () => {
    expect(() => readSystemFile('examples/systems/no-such-system.json')).toThrow(/cannot read the system file examples\/systems\/no-such-system\.json: there is no such file/);
    expect(() => readSystemFileAt(new URL('../../systems/no-such-system.json', import.meta.url))).toThrow(/no such file/);
  });

  it('lists every reference system, checked, in the order of their file names', () => {
    const files = referenceSystems().map(({ file }) => file);
    expect(files).toEqual([...files].sort());
    expect(files).toContain('examples/systems/online-boutique.json');
  });
});
