// What a profile is, with no validation in it: the decision guide renders its first answer from
// `defaultProfile` and loads `profile-schema.ts` (and zod with it) when the reader first reaches for the form.

/** How often the reader's teams ship to production, slowest first. */
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
  readonly deployFrequency: DeployFrequency;
  /** What a user request may take end to end, in milliseconds. */
  readonly latencyBudgetMs: number;
  /** How many functions one request passes through, one after another. */
  readonly callDepth: number;
  /** The share of requests that must succeed, in percent. */
  readonly availabilityTarget: number;
  readonly traffic: TrafficPattern;
}

/** The profile the page starts with, and each field's default: a small product team. */
export const defaultProfile: Profile = { teams: 1, deployFrequency: 'weekly', latencyBudgetMs: 200, callDepth: 4, availabilityTarget: 99.9, traffic: 'daily-peaks' };
