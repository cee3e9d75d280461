const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The width and height of a PNG, read from its IHDR chunk (which the format puts first, right after
 * the 8-byte signature). Throws for bytes that are not a PNG.
 *
 * @example
 * ```ts
 * pngSize(readFileSync('static/img/social-card.png')); // { width: 1200, height: 630 }
 * ```
 */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 24 || signature.some((byte, index) => bytes[index] !== byte)) throw new Error('not a PNG: the 8-byte signature is missing');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR') throw new Error(`not a PNG: the first chunk is "${type}", not IHDR`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
