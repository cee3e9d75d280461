import { describe, expect, it } from 'vitest';
import { budgetFromEnv, judgeBuild } from './build-judgement.ts';

const budget = { seconds: 60, ratio: 4.3 };

describe('judgeBuild', () => {
  it('passes a build within the absolute budget without a reference', () => {
    expect(judgeBuild(60, undefined, budget)).toMatchObject({ pass: true, needsReference: false });
  });

  it('asks for the reference build before failing a build over the budget', () => {
    expect(judgeBuild(70.8, undefined, budget)).toMatchObject({ pass: false, needsReference: true });
  });

  it('passes a slow build on a slow machine: within the ratio to the stock site built beside it', () => {
    const judgement = judgeBuild(70.8, 25, budget);
    expect(judgement).toMatchObject({ pass: true, needsReference: false });
    expect(judgement.message).toContain('2.8×');
  });

  it('fails a build that grew: over the ratio to the stock site too', () => {
    const judgement = judgeBuild(70.8, 14, budget);
    expect(judgement).toMatchObject({ pass: false, needsReference: false });
    expect(judgement.message).toMatch(/5\.1× .* over the 4\.3× budget/);
  });
});

describe('budgetFromEnv', () => {
  it('takes the defaults, or positive numbers from the environment', () => {
    expect(budgetFromEnv({})).toEqual({ seconds: 60, ratio: 4.3 });
    expect(budgetFromEnv({ BUILD_BUDGET_SECONDS: '90', BUILD_BUDGET_RATIO: '' })).toEqual({ seconds: 90, ratio: 4.3 });
  });

  it('refuses a value that is not a positive number, naming the setting', () => {
    expect(() => budgetFromEnv({ BUILD_BUDGET_SECONDS: 'soon' })).toThrow(/BUILD_BUDGET_SECONDS must be a positive number, got "soon"/);
    expect(() => budgetFromEnv({ BUILD_BUDGET_RATIO: '-1' })).toThrow(/BUILD_BUDGET_RATIO/);
  });
});
