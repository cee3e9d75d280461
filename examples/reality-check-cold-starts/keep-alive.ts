/**
 * A fixed keep-alive policy replayed over apps drawn from Azure Functions' published workload
 * (Shahrad et al., USENIX ATC 2020). Pure arithmetic on seeded draws: browser-safe, no clock.
 */
import { probit } from 'simple-statistics';
import { seededRandom } from '../lab/faults/fault-injection.ts';

/** A published share of apps invoked at most `perDay` times a day. */
export interface RatePoint {
  readonly perDay: number;
  readonly shareOfApps: number;
}

/**
 * The two points of the paper's distribution of invocations per app that the lab uses: 45% of apps
 * are invoked at most once an hour, 81% at most once a minute (Shahrad et al., §3, the daily
 * invocations per app over the two weeks of the trace).
 */
export const publishedRatePoints: readonly [RatePoint, RatePoint] = [
  { perDay: 24, shareOfApps: 0.45 },
  { perDay: 24 * 60, shareOfApps: 0.81 },
];

/**
 * The paper's log-normal fit of function execution times, in seconds: μ = −0.38, σ = 2.36 (§3,
 * execution times), a median of about 0.68 s.
 */
export const publishedExecution = { mu: -0.38, sigma: 2.36 } as const;

/** A log-normal distribution: the logarithm of the value is normal with this mean and deviation. */
export interface LogNormal {
  readonly mu: number;
  readonly sigma: number;
}

/**
 * The log-normal through two quantiles. The paper publishes a curve of invocations per app, not a
 * fit; the lab fits a log-normal through the two points it quotes (an assumption, stated on the page).
 *
 * @example
 * ```ts
 * logNormalThrough(publishedRatePoints); // { mu: 3.69, sigma: 4.08 }: a median app invoked about 40 times a day
 * ```
 */
export function logNormalThrough([low, high]: readonly [RatePoint, RatePoint]): LogNormal {
  const zLow = probit(low.shareOfApps);
  const zHigh = probit(high.shareOfApps);
  const sigma = (Math.log(high.perDay) - Math.log(low.perDay)) / (zHigh - zLow);
  return { mu: Math.log(low.perDay) - zLow * sigma, sigma };
}

/** A standard normal draw from a seeded uniform generator (Box–Muller). */
function normalDraw(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** What a replay of the policy is given. */
export interface KeepAliveReplay {
  readonly apps: number;
  /** How long an instance stays loaded after its last execution ends, minutes. */
  readonly keepAliveMinutes: number;
  /** What a cold start adds before the function runs, ms. */
  readonly coldStartMs: number;
  /** How long the replay follows each app, days. */
  readonly days: number;
  /** At most this many invocations are replayed per app: a busy app's later ones are all warm alike. */
  readonly maxInvocationsPerApp: number;
  readonly rates: LogNormal;
  readonly seed: number;
}

/** One app over the replay. */
export interface AppOutcome {
  readonly perDay: number;
  readonly invocations: number;
  readonly cold: number;
}

/**
 * Replays a fixed keep-alive over apps drawn from the published workload. Each app gets an
 * invocation rate from `rates`; its invocations arrive as a Poisson process (assumed: the paper finds
 * many apps burstier or more regular than that); each runs for a time drawn from the paper's
 * execution-time log-normal. An invocation is cold when no instance is loaded: the app's first, and
 * any that arrives more than the keep-alive after the previous execution ended. One instance serves
 * overlapping invocations (Azure runs several at once in an instance). Apps with no invocation in the
 * replay are left out, as an app absent from a trace is.
 *
 * @example
 * ```ts
 * const apps = replayKeepAlive({ apps: 1000, keepAliveMinutes: 20, coldStartMs: 500, days: 14, maxInvocationsPerApp: 200, rates: logNormalThrough(publishedRatePoints), seed: 1 });
 * apps[0]; // { perDay: 3.1, invocations: 41, cold: 39 }
 * ```
 */
export function replayKeepAlive(replay: KeepAliveReplay): AppOutcome[] {
  const random = seededRandom(replay.seed);
  const keepAliveS = replay.keepAliveMinutes * 60;
  const coldStartS = replay.coldStartMs / 1000;
  const outcomes: AppOutcome[] = [];
  for (let app = 0; app < replay.apps; app += 1) {
    const perDay = Math.exp(replay.rates.mu + replay.rates.sigma * normalDraw(random));
    const perSecond = perDay / 86_400;
    const horizonS = replay.days * 86_400;
    let time = 0;
    let loadedUntil = Number.NEGATIVE_INFINITY;
    let invocations = 0;
    let cold = 0;
    for (;;) {
      time += -Math.log(1 - random()) / perSecond;
      if (time > horizonS || invocations >= replay.maxInvocationsPerApp) break;
      invocations += 1;
      const isCold = time > loadedUntil;
      if (isCold) cold += 1;
      const runS = Math.exp(publishedExecution.mu + publishedExecution.sigma * normalDraw(random));
      const end = time + (isCold ? coldStartS : 0) + runS;
      loadedUntil = Math.max(loadedUntil, end + keepAliveS);
    }
    if (invocations > 0) outcomes.push({ perDay, invocations, cold });
  }
  return outcomes;
}

/** What a replay found, over the apps that were invoked. */
export interface KeepAliveSummary {
  readonly apps: number;
  /** Share of apps whose invocations were mostly (over half) cold. */
  readonly appsMostlyCold: number;
  /** The median app's share of cold invocations. */
  readonly medianAppColdShare: number;
  /** The 75th-percentile app's share of cold invocations: the paper's own yardstick for a policy. */
  readonly thirdQuartileAppColdShare: number;
  /** Share of all invocations that were cold, each app weighted by its rate (a busy app counts for its invocations). */
  readonly invocationsCold: number;
}

/**
 * Summarises a replay: per app, and per invocation with each app weighted by its rate (a capped
 * busy app stands for all its invocations).
 *
 * @example
 * ```ts
 * summarizeKeepAlive([{ perDay: 1, invocations: 2, cold: 2 }, { perDay: 1000, invocations: 200, cold: 1 }]).invocationsCold; // ≈ 0.006
 * ```
 */
export function summarizeKeepAlive(apps: readonly AppOutcome[]): KeepAliveSummary {
  if (apps.length === 0) throw new Error('no app was invoked: replay more apps or more days');
  const shares = apps.map((app) => app.cold / app.invocations).sort((a, b) => a - b);
  const at = (quantile: number) => shares[Math.min(shares.length - 1, Math.floor(quantile * shares.length))] as number;
  const totalRate = apps.reduce((total, app) => total + app.perDay, 0);
  return {
    apps: apps.length,
    appsMostlyCold: shares.filter((share) => share > 0.5).length / apps.length,
    medianAppColdShare: at(0.5),
    thirdQuartileAppColdShare: at(0.75),
    invocationsCold: apps.reduce((total, app) => total + (app.perDay / totalRate) * (app.cold / app.invocations), 0),
  };
}
