import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readParamStrings } from './cli-params.ts';
import { describeControls } from './param-controls.ts';

const schema = z.object({
  chainLengths: z.array(z.number().int().min(1).max(6)).min(1).default([1, 6]),
  iterations: z.number().int().min(10).max(100_000).default(2_000),
  faultRate: z.number().positive().max(1).default(0.05),
  retries: z.boolean().default(false),
  policy: z.enum(['fail-fast', 'retry']).default('retry'),
});

describe('describeControls', () => {
  const controls = describeControls(schema, { iterations: 300 });
  const byName = Object.fromEntries(controls.map((control) => [control.name, control]));

  it('gives one control per parameter, in schema order, labelled in words', () => {
    expect(controls.map((control) => control.label)).toEqual(['chain lengths', 'iterations', 'fault rate', 'retries', 'policy']);
  });

  it('starts at the given initial value, else at the default, written as a reader types it', () => {
    expect(controls.map((control) => control.initial)).toEqual(['1, 6', '300', '0.05', 'false', 'retry']);
  });

  it('carries the bounds the schema enforces, and says them in words', () => {
    expect(byName.iterations).toMatchObject({ kind: 'number', min: 10, max: 100_000, integer: true, accepts: 'whole number from 10 to 100000' });
    expect(byName.faultRate).toMatchObject({ kind: 'number', min: 0, max: 1, integer: false, accepts: 'number above 0 up to 1' });
    expect(byName.chainLengths).toMatchObject({ kind: 'list', accepts: 'comma-separated, each a whole number from 1 to 6' });
    expect(byName.policy).toMatchObject({ kind: 'choice', options: ['fail-fast', 'retry'] });
  });

  it('round-trips: the initial values, read back as the form sends them, are what the schema accepts', () => {
    const read = readParamStrings(schema, Object.fromEntries(controls.map((control) => [control.name, control.initial])), {});
    expect(read).toEqual({ ok: true, params: { chainLengths: [1, 6], iterations: 300, faultRate: 0.05, retries: false, policy: 'retry' } });
  });

  it('writes a unit suffix as the unit', () => {
    const labels = describeControls(z.object({ workUs: z.number().default(0), budgetMs: z.number().default(1) }), {}).map((control) => control.label);
    expect(labels).toEqual(['work (µs)', 'budget (ms)']);
  });

  it('refuses a parameter a form cannot edit, naming it', () => {
    expect(() => describeControls(z.object({ shape: z.object({ units: z.number() }).default({ units: 1 }) }), {})).toThrow(/parameter shape: a form cannot edit/);
  });
});
