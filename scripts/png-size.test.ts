import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pngSize } from './png-size.ts';

/** A PNG's first 33 bytes: the signature and an IHDR chunk (length 13, type, width, height, depth ...). */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set([...'IHDR'].map((char) => char.charCodeAt(0)), 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

describe('pngSize', () => {
  it('reads the width and height of the IHDR chunk', () => {
    expect(pngSize(pngHeader(1200, 630))).toEqual({ width: 1200, height: 630 });
    expect(pngSize(pngHeader(64, 70_000))).toEqual({ width: 64, height: 70_000 });
  });

  it('refuses what is not a PNG', () => {
    expect(() => pngSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toThrow('not a PNG: the 8-byte signature is missing');
    const noHeader = pngHeader(1200, 630);
    noHeader.set([...'IDAT'].map((char) => char.charCodeAt(0)), 12);
    expect(() => pngSize(noHeader)).toThrow('not a PNG: the first chunk is "IDAT", not IHDR');
  });
});

describe('the social card', () => {
  it('is committed as a 1200 × 630 PNG, the size link previews expect', () => {
    expect(pngSize(readFileSync(new URL('../static/img/social-card.png', import.meta.url)))).toEqual({ width: 1200, height: 630 });
  });
});
