import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './atomic-write.ts';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'atomic-write-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('replaces the file and leaves no temporary file beside it', () => {
    const file = path.join(folder, 'nano-chaining.json');
    writeFileSync(file, 'old');
    writeFileAtomically(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(folder)).toEqual(['nano-chaining.json']);
  });

  it('leaves what was there, and no temporary file, when the rename fails', () => {
    // A folder in the file's place: writing the temporary file works, renaming it onto a folder does not.
    const inPlace = path.join(folder, 'evidence.json');
    mkdirSync(inPlace);
    writeFileSync(path.join(inPlace, 'inside'), 'kept');
    expect(() => writeFileAtomically(inPlace, 'new')).toThrow();
    expect(readdirSync(folder)).toEqual(['evidence.json']);
    expect(readFileSync(path.join(inPlace, 'inside'), 'utf8')).toBe('kept');
  });
});
