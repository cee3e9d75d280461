/**
 * How a timed clean build is judged. A busy machine must not fail a budget: a build over the
 * absolute budget is judged again against a stock Docusaurus site of the same version built right
 * after it on the same machine (scripts/reference-site), as a ratio, so that what fails is the
 * site growing, not the machine being busy.
 */

/** The budget: seconds on a quiet machine of the project's kind, and the ratio to the stock site. */
export interface BuildBudget {
  readonly seconds: number;
  readonly ratio: number;
}

/** The outcome of one judgement, with the sentence that explains it. */
export interface BuildJudgement {
  readonly pass: boolean;
  /** True when the absolute budget was missed and a reference build is needed to decide. */
  readonly needsReference: boolean;
  readonly message: string;
}

/**
 * Issue 6's budget, 60 s for a clean build on a 2-core machine, set when the stock template of
 * the same Docusaurus version built in 14 s there: 60 / 14 ≈ 4.3 times the stock site.
 */
export const buildBudget: BuildBudget = { seconds: 60, ratio: 4.3 };

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Judges a build's seconds against the budget; over it, against the reference site's seconds as a
 * ratio when they are given.
 *
 * @example
 * ```ts
 * judgeBuild(37, undefined, { seconds: 60, ratio: 4.3 }).pass;          // true
 * judgeBuild(71, undefined, { seconds: 60, ratio: 4.3 }).needsReference; // true
 * judgeBuild(71, 27, { seconds: 60, ratio: 4.3 }).pass;                  // true: 2.6× the stock site
 * ```
 */
export function judgeBuild(seconds: number, referenceSeconds: number | undefined, budget: BuildBudget = buildBudget): BuildJudgement {
  if (seconds <= budget.seconds) return { pass: true, needsReference: false, message: `the clean build took ${seconds} s, within the ${budget.seconds} s budget` };
  if (referenceSeconds === undefined) {
    return { pass: false, needsReference: true, message: `the clean build took ${seconds} s, over the ${budget.seconds} s budget: building the stock site to see whether the machine or the site is slow` };
  }
  const ratio = round1(seconds / referenceSeconds);
  return ratio <= budget.ratio
    ? { pass: true, needsReference: false, message: `the clean build took ${seconds} s, over ${budget.seconds} s, but ${ratio}× the stock site's ${referenceSeconds} s on this machine now, within the ${budget.ratio}× budget: the machine is slow, not the site` }
    : { pass: false, needsReference: false, message: `the clean build took ${seconds} s, ${ratio}× the stock site's ${referenceSeconds} s on this machine now, over the ${budget.ratio}× budget: find the phase that grew above` };
}

/**
 * A budget override from the environment, refused with a message when it is not a positive number.
 *
 * @example
 * ```ts
 * budgetFromEnv({ BUILD_BUDGET_SECONDS: '90' }); // { seconds: 90, ratio: 4.3 }
 * ```
 */
export function budgetFromEnv(env: Readonly<Record<string, string | undefined>>): BuildBudget {
  const parse = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got "${raw}"`);
    return value;
  };
  return { seconds: parse('BUILD_BUDGET_SECONDS', buildBudget.seconds), ratio: parse('BUILD_BUDGET_RATIO', buildBudget.ratio) };
}
