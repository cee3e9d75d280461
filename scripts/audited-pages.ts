/**
 * The pages Lighthouse audits (scripts/lighthouse.ts, npm run bench:site) and the browser tests hold
 * to the same load rules (e2e/load-cost.test.ts), one of each type: the home page, the comparison, a
 * claim page with diagrams and plots, a section index with a diagram at the top, the decision guide, an API page of long code samples, a plain doc page and the reality check (its
 * four replays beside the papers, and the run of a reader's own system).
 */
export const auditedPages = [
  { name: 'home', path: '/' },
  { name: 'comparison', path: '/docs/comparison' },
  { name: 'diagrams and plots', path: '/docs/nanoservices/chaining' },
  { name: 'section index', path: '/docs/microservices' },
  { name: 'decision guide', path: '/docs/decision-guide' },
  { name: 'long code samples', path: '/docs/api/measure' },
  { name: 'plain doc page', path: '/docs/intro' },
  { name: 'reality check', path: '/docs/reality-check' },
] as const;

/** The plain doc page, whose JavaScript must stay within the template's. */
export const plainPaths: ReadonlySet<string> = new Set(['/docs/intro']);
