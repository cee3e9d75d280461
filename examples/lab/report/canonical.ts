/**
 * One figure per quantity, for every page that quotes it: a measured quantity is read from the one
 * experiment that owns it (the cost of a hop from nano-chaining's evidence), an assumed one is stated
 * once here, so that the same quantity never shows two values on two pages. Browser-safe.
 */

import type { Interval } from '../measure/interval.ts';

/** What the owner of the hop cost reports: per transport, the cost of one hop (µs) over independent runs. */
export interface HopCosts {
  readonly perHop: ReadonlyArray<{ readonly transport: string; readonly interval: Interval }>;
}

/**
 * The site's cost of one hop, in µs with its 95% interval: over HTTP on loopback, and between
 * processes where that transport ran. Read from nano-chaining's evidence, which measures it; no
 * other page measures its own. Throws when the evidence has no HTTP hop.
 *
 * @example
 * ```ts
 * canonicalHopCost(chainingEvidence.result).http; // { estimate: 47, low: 45.2, high: 49.1, runs: 5 }
 * ```
 */
export function canonicalHopCost(owner: HopCosts): { readonly http: Interval; readonly process?: Interval } {
  const http = owner.perHop.find((hop) => hop.transport === 'http');
  if (!http) throw new Error('the hop-cost evidence (nano-chaining) has no HTTP hop: run npm run evidence -- nano-chaining');
  const process = owner.perHop.find((hop) => hop.transport === 'process');
  return process ? { http: http.interval, process: process.interval } : { http: http.interval };
}

/**
 * Business code per function where a page needs one realistic size (assumed, not measured): 16 KiB,
 * the order of one real single-operation service's own source (Online Boutique's checkoutservice
 * `main.go` is about 17 KB). The lab's checkout functions are a few hundred bytes, a toy; pages that
 * depend on code size sweep it and mark this value on their map.
 */
export const assumedBusinessKiBPerFunction = 16;
