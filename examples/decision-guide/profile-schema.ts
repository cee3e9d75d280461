// zod/mini: the same validation as zod's classic API, built from functions rather than methods, so
// the page that runs it in the browser loads and initialises much less of zod. The decision guide
// loads this module when the reader first edits a field.
import { z } from 'zod/mini';
import { defaultProfile, deployFrequencies, profileLabels, trafficPatterns, type Profile } from './profile.ts';

const wholeNumber = (label: string, min: number, max: number) =>
  z.number({ error: `${label} must be a number` }).check(
    z.multipleOf(1, `${label} must be a whole number`),
    z.minimum(min, `${label} must be at least ${min}`),
    z.maximum(max, `${label} must be at most ${max}`),
  );

const oneOf = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `${label} must be one of: ${values.join(', ')}` });

/**
 * A reader's situation. Bounds keep the arithmetic meaningful (a request passes through at least one
 * part; a target below 90 % needs no architecture; a saving is a share of a bill); the defaults are
 * `defaultProfile`.
 */
export const ProfileSchema = z.object({
  /** Teams that change the system and would like to ship without waiting for each other. */
  teams: z._default(wholeNumber(profileLabels.teams, 1, 500), defaultProfile.teams),
  deployFrequency: z._default(oneOf(profileLabels.deployFrequency, deployFrequencies), defaultProfile.deployFrequency),
  /** What a user request may take end to end, in milliseconds. */
  latencyBudgetMs: z._default(
    z.number({ error: `${profileLabels.latencyBudgetMs} must be a number` }).check(
      z.minimum(0.1, `${profileLabels.latencyBudgetMs} must be at least 0.1`),
      z.maximum(60_000, `${profileLabels.latencyBudgetMs} must be at most 60000 (one minute)`),
    ),
    defaultProfile.latencyBudgetMs,
  ),
  /** The parts one request passes through, one after another, before the user has the answer. */
  callDepth: z._default(wholeNumber(profileLabels.callDepth, 1, 100), defaultProfile.callDepth),
  /** The share of requests that must succeed, in percent. */
  availabilityTarget: z._default(
    z.number({ error: `${profileLabels.availabilityTarget} must be a number` }).check(
      z.minimum(90, `${profileLabels.availabilityTarget} must be at least 90`),
      z.maximum(99.9999, `${profileLabels.availabilityTarget} must be below 100 (no system reaches 100 %): at most 99.9999`),
    ),
    defaultProfile.availabilityTarget,
  ),
  traffic: z._default(oneOf(profileLabels.traffic, trafficPatterns), defaultProfile.traffic),
  /** The share of the compute bill that scaling to zero would save, in percent. */
  scaleToZeroSavingsPercent: z._default(
    z.number({ error: `${profileLabels.scaleToZeroSavingsPercent} must be a number` }).check(
      z.minimum(0, `${profileLabels.scaleToZeroSavingsPercent} must be at least 0`),
      z.maximum(100, `${profileLabels.scaleToZeroSavingsPercent} must be at most 100`),
    ),
    defaultProfile.scaleToZeroSavingsPercent,
  ),
  /** Whether part of a request's work can finish after the user has the answer. */
  deferrableWork: z._default(z.boolean({ error: `${profileLabels.deferrableWork}: answer yes or no (true or false)` }), defaultProfile.deferrableWork),
});

/** What a reader may pass in: any field may be left out and takes its default. */
export type ProfileInput = z.input<typeof ProfileSchema>;

/** One thing to fix in a profile: the field and what is wrong with it. */
export interface ProfileProblem {
  readonly field: keyof Profile | 'profile';
  readonly message: string;
}

/**
 * Validates a profile and says what to fix, field by field, instead of throwing.
 *
 * @example
 * ```ts
 * parseProfile({ teams: 12, callDepth: 3 }); // { ok: true, profile: { teams: 12, deployFrequency: 'weekly', ... } }
 * parseProfile({ scaleToZeroSavingsPercent: 120 }); // { ok: false, problems: [{ field: 'scaleToZeroSavingsPercent', message: 'Scale-to-zero savings (%) must be at most 100' }] }
 * parseProfile({ teams: 0 }); // { ok: false, problems: [{ field: 'teams', message: 'Teams must be at least 1' }] }
 * ```
 */
export function parseProfile(input: unknown): { ok: true; profile: Profile } | { ok: false; problems: ProfileProblem[] } {
  const parsed = ProfileSchema.safeParse(input);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const problems = parsed.error.issues.map((issue): ProfileProblem => {
    const field = issue.path[0];
    const known = typeof field === 'string' && field in profileLabels;
    return { field: known ? (field as keyof Profile) : 'profile', message: known ? issue.message : `the profile must be an object with the fields ${Object.keys(profileLabels).join(', ')}` };
  });
  return { ok: false, problems };
}
