import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { refuseWithProbability, seededRandom, seedFor } from './fault-injection.ts';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    // Roughly uniform: the mean of 1000 draws is within 0.05 of one half (4.5 standard errors).
    expect(Math.abs(draws.reduce((s, x) => s + x, 0) / 1000 - 0.5)).toBeLessThan(0.05);
  });

  it('gives each unit its own seed', () => {
    expect(seedFor(1, 'billing')).toBe(seedFor(1, 'billing'));
    expect(seedFor(1, 'billing')).not.toBe(seedFor(1, 'cart'));
  });
});

describe('refuseWithProbability', () => {
  const appWith = (probability: number, counts = { passed: 0, refused: 0 }) => {
    const app = new Hono();
    app.use(refuseWithProbability(probability, 99, counts));
    app.post('/x', (c) => c.text('ok'));
    return app;
  };
  const post = (app: Hono) => app.fetch(new Request('http://unit/x', { method: 'POST' }));

  it('never refuses at 0 and always refuses at 1', async () => {
    const counts = { passed: 0, refused: 0 };
    const never = appWith(0, counts);
    for (let i = 0; i < 50; i += 1) expect((await post(never)).status).toBe(200);
    expect((await post(appWith(1))).status).toBe(503);
    expect(counts).toEqual({ passed: 50, refused: 0 });
  });

  it('refuses about the share it was asked to, and rejects a bad probability', async () => {
    const counts = { passed: 0, refused: 0 };
    const app = appWith(0.2, counts);
    for (let i = 0; i < 2000; i += 1) await post(app);
    // 2000 draws at 0.2: standard deviation ~18; 100 is more than five of them.
    expect(Math.abs(counts.refused - 400)).toBeLessThan(100);
    expect(() => refuseWithProbability(1.5, 1)).toThrow(RangeError);
  });
});
