// The index of every claim's key figure: each claim's report.ts exports `keyFigure(result)`, the one
// figure its verdict rests on, and this file lists the article's by claim id, merged with the
// scaffolded comparisons' (the generated comparisons/key-figures.ts). The figures are worked out when
// the site is built, in Node, by plugins/claim-figures, which hands the comparison page only the
// strings; the claims check (check.ts) and `npm run check` read them too. So importing the reports
// here (and what they import) does not reach the browser bundle. The reports are browser-safe all the
// same (eslint.config.mjs), so this file is too.
import { keyFigure as microBusinessModules } from '../micro-business-modules/report.ts';
import { keyFigure as microContainers } from '../micro-containers/report.ts';
import { keyFigure as microContinuousDeployment } from '../micro-continuous-deployment/report.ts';
import { keyFigure as microLessProductionTime } from '../micro-less-production-time/report.ts';
import { keyFigure as microLockstep } from '../micro-lockstep/report.ts';
import { keyFigure as microRedundancy } from '../micro-redundancy/report.ts';
import { keyFigure as microThirdParty } from '../micro-third-party/report.ts';
import { keyFigure as nanoAntiPattern } from '../nano-anti-pattern/report.ts';
import { keyFigure as nanoChaining } from '../nano-chaining/report.ts';
import { keyFigure as nanoClusteredApp } from '../nano-clustered-app/report.ts';
import { keyFigure as nanoEasyDeploy } from '../nano-easy-deploy/report.ts';
import { keyFigure as nanoFlexibility } from '../nano-flexibility/report.ts';
import { keyFigure as nanoNoDuplication } from '../nano-no-duplication/report.ts';
import { keyFigure as nanoOvercomesMicro } from '../nano-overcomes-micro/report.ts';
import { keyFigure as nanoOwnSchedule } from '../nano-own-schedule/report.ts';
import { keyFigure as nanoOwnSecurity } from '../nano-own-security/report.ts';
import { comparisonKeyFigures } from './comparisons/key-figures.ts';
import { claimById } from './registry.ts';

type Figure = (result: never) => string | null;

/**
 * Each claim's `keyFigure`, by claim id: the article's listed here, the scaffolded comparisons'
 * through the generated comparisons/key-figures.ts, so adding a scaffolded claim needs no edit of this
 * file. The claims check asks no key figure of a not-testable claim and the comparison page shows
 * none for one, so the article's (nano-single-endpoint, micro-no-shared-data) are not listed; the
 * scaffolder lists every scaffolded claim with a report.ts, whatever its verdict, and a not-testable
 * one's figure is then never read.
 */
const figures: Readonly<Record<string, Figure>> = {
  'nano-anti-pattern': nanoAntiPattern,
  'nano-no-duplication': nanoNoDuplication,
  'nano-chaining': nanoChaining,
  'nano-own-security': nanoOwnSecurity,
  'nano-flexibility': nanoFlexibility,
  'nano-easy-deploy': nanoEasyDeploy,
  'nano-own-schedule': nanoOwnSchedule,
  'nano-clustered-app': nanoClusteredApp,
  'nano-overcomes-micro': nanoOvercomesMicro,
  'micro-business-modules': microBusinessModules,
  'micro-lockstep': microLockstep,
  'micro-containers': microContainers,
  'micro-redundancy': microRedundancy,
  'micro-less-production-time': microLessProductionTime,
  'micro-continuous-deployment': microContinuousDeployment,
  'micro-third-party': microThirdParty,
  // The scaffolded comparisons' claims: each report's own keyFigure, listed by the scaffolder.
  ...comparisonKeyFigures,
};

/** The claims that have a key figure. */
export const claimsWithKeyFigure: readonly string[] = Object.keys(figures);

/**
 * The one figure that matters most for a claim's verdict, read from its evidence `result` by the
 * claim's own `keyFigure` (in its report.ts), as a short string with its unit. Null for a claim of the
 * registry that has no key figure (one without an experiment, or a not-testable claim) or whose result
 * lacks the rows the figure needs; throws for an id that is not in the registry.
 *
 * @example
 * ```ts
 * keyFigure('nano-chaining', evidence.result); // '118 µs [110–126 µs] per HTTP hop, 12.8× a function’s work'
 * keyFigure('nano-evolved-form', {}); // null
 * keyFigure('nano-nothing', {}); // throws: no claim "nano-nothing" in examples/claims/registry.ts ...
 * ```
 */
export function keyFigure(claimId: string, result: unknown): string | null {
  claimById(claimId);
  const figure = figures[claimId] as ((result: unknown) => string | null) | undefined;
  return figure ? figure(result) : null;
}
