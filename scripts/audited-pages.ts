/**
 * The pages Lighthouse audits (scripts/lighthouse.ts) and the browser tests hold to the same load
 * rules (e2e/load-cost.test.ts): the home page, the comparison, a claim page with diagrams and plots,
 * the decision guide, an API page of long code samples and a plain doc page.
 */
export const auditedPages = [
  { name: 'home', path: '/' },
  { name: 'comparison', path: '/docs/comparison' },
  { name: 'diagrams and plots', path: '/docs/nanoservices/chaining' },
  { name: 'decision guide', path: '/docs/decision-guide' },
  { name: 'long code samples', path: '/docs/api/measure' },
  { name: 'plain doc page', path: '/docs/intro' },
] as const;

/** The plain doc page, whose JavaScript must stay within the template's. */
export const plainPaths: ReadonlySet<string> = new Set(['/docs/intro']);
