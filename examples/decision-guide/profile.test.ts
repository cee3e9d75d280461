import { describe, expect, it } from 'vitest';
import { defaultProfile } from './profile.ts';
import { parseProfile, ProfileSchema } from './profile-schema.ts';

describe('the decision guide profile', () => {
  it('fills every field it is not given with its default', () => {
    expect(parseProfile({ teams: 12 })).toEqual({ ok: true, profile: { ...defaultProfile, teams: 12 } });
    expect(defaultProfile).toEqual({
      teams: 3,
      deployFrequency: 'weekly',
      latencyBudgetMs: 200,
      callDepth: 4,
      availabilityTarget: 99.9,
      traffic: 'daily-peaks',
      scaleToZeroSavingsPercent: 0,
      deferrableWork: false,
    });
    expect(ProfileSchema.parse({})).toEqual(defaultProfile);
  });

  it('refuses a bad value with a message naming the field and what it accepts', () => {
    expect(parseProfile({ teams: 0 })).toEqual({ ok: false, problems: [{ field: 'teams', message: 'Teams must be at least 1' }] });
    expect(parseProfile({ callDepth: 2.5 })).toEqual({ ok: false, problems: [{ field: 'callDepth', message: 'Call depth must be a whole number' }] });
    expect(parseProfile({ latencyBudgetMs: Number.NaN })).toEqual({ ok: false, problems: [{ field: 'latencyBudgetMs', message: 'Latency budget (ms) must be a number' }] });
    expect(parseProfile({ availabilityTarget: 100 })).toMatchObject({ ok: false, problems: [{ field: 'availabilityTarget', message: expect.stringContaining('below 100') }] });
    expect(parseProfile({ traffic: 'bursty' })).toEqual({
      ok: false,
      problems: [{ field: 'traffic', message: 'Traffic pattern must be one of: steady, daily-peaks, spiky, mostly-idle' }],
    });
    expect(parseProfile({ scaleToZeroSavingsPercent: 120 })).toEqual({
      ok: false,
      problems: [{ field: 'scaleToZeroSavingsPercent', message: 'Scale-to-zero savings (%) must be at most 100' }],
    });
    expect(parseProfile({ scaleToZeroSavingsPercent: -5 })).toMatchObject({ ok: false, problems: [{ message: 'Scale-to-zero savings (%) must be at least 0' }] });
    expect(parseProfile({ deferrableWork: 'yes' })).toEqual({
      ok: false,
      problems: [{ field: 'deferrableWork', message: 'Part of the work can finish after the answer: answer yes or no (true or false)' }],
    });
  });

  it('lists every bad field, not only the first', () => {
    const parsed = parseProfile({ teams: -1, deployFrequency: 'hourly', scaleToZeroSavingsPercent: 101 });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.map((p) => p.field)).toEqual(['teams', 'deployFrequency', 'scaleToZeroSavingsPercent']);
  });

  it('refuses something that is not a profile at all', () => {
    expect(parseProfile('twelve teams')).toMatchObject({ ok: false, problems: [{ field: 'profile', message: expect.stringContaining('teams, deployFrequency') }] });
  });

  it('keeps its bounds: one part and one team at least, a saving between nothing and the whole bill', () => {
    expect(() => ProfileSchema.parse({ callDepth: 0 })).toThrow('Call depth must be at least 1');
    expect(ProfileSchema.parse({ callDepth: 1, teams: 1 }).callDepth).toBe(1);
    expect(ProfileSchema.parse({ scaleToZeroSavingsPercent: 0 }).scaleToZeroSavingsPercent).toBe(0);
    expect(ProfileSchema.parse({ scaleToZeroSavingsPercent: 100, deferrableWork: true })).toMatchObject({ scaleToZeroSavingsPercent: 100, deferrableWork: true });
  });
});
