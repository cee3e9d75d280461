type Prefetch = Window['docusaurus']['prefetch'];
export type RequestIdle = (work: () => void) => void;

/**
 * A `prefetch` that queues paths and prefetches them one per idle period of the browser, instead of
 * at once. Docusaurus prefetches every link as it scrolls into view; on a page load that was dozens
 * of route matches and `<link rel="prefetch">` insertions in one task, which on a phone blocked the
 * main thread for about 200 ms just as the page became interactive. One path (a few insertions) per
 * idle period keeps each task short, however long the browser says the period is.
 *
 * @example
 * ```ts
 * window.docusaurus = { ...window.docusaurus, prefetch: idlePrefetch(window.docusaurus.prefetch, requestIdleCallback) };
 * ```
 */
export function idlePrefetch(prefetch: Prefetch, requestIdle: RequestIdle): Prefetch {
  const queue: string[] = [];
  const queued = new Set<string>();
  const prefetchNext = () => {
    const path = queue.shift();
    if (path === undefined) return;
    prefetch(path);
    if (queue.length > 0) requestIdle(prefetchNext);
  };
  return (path) => {
    if (queued.has(path)) return false;
    queued.add(path);
    if (queue.push(path) === 1) requestIdle(prefetchNext);
    // Docusaurus ignores the result of a prefetch (it matters only for `preload`).
    return false;
  };
}
