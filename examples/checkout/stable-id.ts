/**
 * A short, deterministic hex id (32-bit FNV-1a) so that every shape returns byte-identical receipts.
 * Not a security primitive: it only names things.
 *
 * @example
 * ```ts
 * stableId('cart-1|4200'); // "e0f1c2a3"-like, the same on every run
 * ```
 */
export function stableId(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
