// What a profile is, with no validation in it: the decision guide renders its first answer from
// `defaultProfile` and loads `profile-schema.ts` (and zod with it) when the reader first reaches for the form.

/** How often each team ships to production, slowest first. */
export const deployFrequencies = ['monthly', 'weekly', 'daily', 'many-per-day'] as const;
/** One deploy frequency. */
export type DeployFrequency = (typeof deployFrequencies)[number];

/** The shape of the load over a day, from the steadiest to the emptiest. */
export const trafficPatterns = ['steady', 'daily-peaks', 'spiky', 'mostly-idle'] as const;
/** One traffic pattern. */
export type TrafficPattern = (typeof trafficPatterns)[number];

/** What each field is called on the page, so a message names the control the reader sees. */
export const profileLabels = {
  teams: 'Teams',
  deployFrequency: 'Deploy frequency',
  latencyBudgetMs: 'Latency budget (ms)',
  callDepth: 'Call depth',
  availabilityTarget: 'Availability target (%)',
  traffic: 'Traffic pattern',
  scaleToZeroSavingsPercent: 'Scale-to-zero savings (%)',
  deferrableWork: 'Part of the work can finish after the answer',
} as const;

/** Words for the choices, shared by the form and the rules' sentences. */
export const choiceLabels: Readonly<Record<DeployFrequency | TrafficPattern, string>> = {
  monthly: 'monthly or less often',
  weekly: 'weekly',
  daily: 'daily',
  'many-per-day': 'many times a day',
  steady: 'steady',
  'daily-peaks': 'daily peaks',
  spiky: 'spiky bursts',
  'mostly-idle': 'mostly idle',
};

/** A reader's situation, every field present (validated by `ProfileSchema` in `profile-schema.ts`). */
export interface Profile {
  /** Teams that change the system and would like to ship without waiting for each other. */
  readonly teams: number;
  /** How often each team would like to ship. */
  readonly deployFrequency: DeployFrequency;
  /** What a user request may take end to end, in milliseconds. */
  readonly latencyBudgetMs: number;
  /**
   * The parts (business capabilities) one request passes through, one after another, before the user
   * has the answer. Cut one service per part, a request makes `callDepth − 1` synchronous hops.
   */
  readonly callDepth: number;
  /** The share of requests that must succeed, in percent. */
  readonly availabilityTarget: number;
  readonly traffic: TrafficPattern;
  /** The share of the compute bill that scaling to zero while idle would save, in percent (about the share of time instances sit idle). */
  readonly scaleToZeroSavingsPercent: number;
  /** Whether part of a request's work (emails, stock updates, analytics) can finish after the user has the answer. */
  readonly deferrableWork: boolean;
}

/**
 * The profile the page starts with, and each field's default: a few teams on one product, weekly
 * releases, a web page's budget, always-on traffic and nothing deferred.
 */
export const defaultProfile: Profile = {
  teams: 3,
  deployFrequency: 'weekly',
  latencyBudgetMs: 200,
  callDepth: 4,
  availabilityTarget: 99.9,
  traffic: 'daily-peaks',
  scaleToZeroSavingsPercent: 0,
  deferrableWork: false,
};
