// What the decision guide's page prints beside the interactive guide: the rules with the values they
// use now, the worked examples of its arithmetic, and the lists of what it assumes and cites. Kept
// here, typed and tested, so that the page holds prose and components only.
import { claimById, type Claim } from '../claims/registry.ts';
import { formatSignificant } from '../lab/report/format.ts';
import { assumed, judgement, type Assumption } from './assumptions.ts';
import { coldStartMs, hopMs, hopsShareOfBudget, unitsWithinTarget } from './decide.ts';
import type { DecisionFacts } from './facts.ts';
import { defaultProfile } from './profile.ts';
import { decisionRules } from './recommend.ts';

/** The claims whose evidence the guide reads, in the order the page lists them. */
export const citedClaimIds = [
  'nano-chaining',
  'modular-monolith-in-process-calls',
  'nano-clustered-app',
  'micro-redundancy',
  'micro-lockstep',
  'micro-continuous-deployment',
  'nano-own-schedule',
  'nano-easy-deploy',
  'micro-no-shared-data',
  'modular-monolith-operating-cost',
  'modular-monolith-data-ownership',
] as const;

/** One assumed or judged value as the page lists it. */
export interface ValueRow {
  readonly key: string;
  readonly shown: string;
  readonly what: string;
  readonly basis: string;
}

/** Everything the decision guide's page prints outside the interactive guide. */
export interface GuidePageFigures {
  /** The rules, in words, with the values they use now. */
  readonly rules: readonly string[];
  /** The claims whose evidence the guide reads. */
  readonly cited: readonly Claim[];
  readonly assumedValues: readonly ValueRow[];
  readonly judgementValues: readonly ValueRow[];
  /** A real network's hop (assumed) and the lab's loopback hop under it (measured), as printed: '0.38', '61.5'. */
  readonly hopMs: string;
  readonly loopbackHopUs: string;
  /** The share of the budget hops may take, in percent: '25'. */
  readonly overheadSharePercent: string;
  /** Five hops of a real network against a 5 ms budget, in percent of it: '38.6'. */
  readonly fiveHopsOf5MsPercent: string;
  /** Units a request may wait for in a row at 99.9 % and at 99.99 %, each unit at the assumed availability. */
  readonly unitsAt999: number;
  readonly unitsAt9999: number;
  /** A function's cold start (assumed) and the lab's bare unit start under it (measured), in ms as printed. */
  readonly coldStartMs: string;
  readonly labUnitStartMs: string;
}

const rowsOf = (values: Readonly<Record<string, Assumption<unknown>>>): ValueRow[] =>
  Object.values(values).map((value) => ({ key: value.label, shown: value.shown, what: value.what, basis: value.basis }));

/**
 * The figures of the decision guide's page, worked out from the lab's facts and the guide's own rules.
 *
 * @example
 * ```ts
 * const figures = guidePageFigures(labFacts);
 * figures.unitsAt999; // 9: units in a row a 99.9 % target allows at 99.99 % each
 * figures.fiveHopsOf5MsPercent; // '38.6'
 * ```
 */
export function guidePageFigures(facts: DecisionFacts): GuidePageFigures {
  return {
    rules: decisionRules(facts),
    cited: citedClaimIds.map(claimById),
    assumedValues: rowsOf(assumed),
    judgementValues: rowsOf(judgement),
    hopMs: formatSignificant(hopMs(facts)),
    loopbackHopUs: formatSignificant(facts.hop.perHopUs),
    overheadSharePercent: formatSignificant(judgement.overheadShareOfBudget.value * 100),
    fiveHopsOf5MsPercent: formatSignificant(hopsShareOfBudget(5, { ...defaultProfile, latencyBudgetMs: 5 }, facts) * 100),
    unitsAt999: unitsWithinTarget({ ...defaultProfile, availabilityTarget: 99.9 }),
    unitsAt9999: unitsWithinTarget({ ...defaultProfile, availabilityTarget: 99.99 }),
    coldStartMs: formatSignificant(coldStartMs(facts)),
    labUnitStartMs: formatSignificant(facts.fleet.nanoUnitColdStartMs),
  };
}
