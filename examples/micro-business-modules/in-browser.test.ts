import { beforeAll, describe, expect, it } from 'vitest';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import { microservices } from '../lab/model/shapes.ts';
import { contractAtBoundary } from './boundary.ts';
import { browserExperiment, doorTotals } from './in-browser.ts';
import { openDoorsInMemory } from './memory-doors.ts';
import type { BoundaryRow, ContractRunResult } from './report.ts';

const shapeNames = ['monolith', 'microservices', 'nanoservices'];

describe('openDoorsInMemory', () => {
  it('answers a raw body at a unit door with the status the Hono app gives, and chains valid calls through every unit', async () => {
    const loose = await openDoorsInMemory(microservices, () => ({}));
    const guarded = await openDoorsInMemory(microservices, () => ({ middleware: [contractAtBoundary()] }));
    try {
      expect(await loose.postRaw('cart', '/validateCart', '{"cartId":')).toBe(500);
      expect(await guarded.postRaw('cart', '/validateCart', '{"cartId":')).toBe(400);
      expect(await guarded.postRaw('cart', '/validateCart', JSON.stringify(sampleCart))).toBe(200);
      const answer = await loose.call('cart', 'validateCart', sampleCart);
      expect(answer).toEqual({ value: runCheckoutInProcess(sampleCart), networkCalls: 3 });
    } finally {
      await Promise.all([loose.close(), guarded.close()]);
    }
  });
});

describe('micro-business-modules in the browser (quick run: every route of every shape, in memory)', () => {
  let result: ContractRunResult;
  const progress: number[] = [];
  const row = (shape: string, mode: string): BoundaryRow => {
    const found = result.boundary.find((r) => r.shape === shape && r.mode === mode);
    if (!found) throw new Error(`no row for ${shape}/${mode}`);
    return found;
  };
  beforeAll(async () => {
    result = await browserExperiment.run(browserExperiment.params.parse(browserExperiment.quick), ({ done }) => progress.push(done));
  }, 60_000);

  it('with the contract at the door, every malformed request is refused with 4xx and no function is even entered', () => {
    for (const shape of shapeNames) {
      const enforced = row(shape, 'contract at boundary');
      expect([enforced.malformedSent, enforced.refused4xx, enforced.answered5xx, enforced.answered2xx, enforced.functionsEntered, enforced.bodiesRun]).toEqual([30, 30, 0, 0, 0, 0]);
      expect(enforced.validAnswered2xx).toBe(enforced.validSent);
    }
  });

  it('without it, the functions are entered and refuse bad JSON values, but a body that is not JSON gets a 500 from every route', () => {
    for (const shape of shapeNames) {
      const loose = row(shape, 'functions validate');
      expect([loose.refused4xx, loose.answered5xx, loose.functionsEntered, loose.bodiesRun]).toEqual([24, 6, 24, 0]);
      expect(loose.validAnswered2xx).toBe(loose.validSent);
    }
    expect(result.cases.find((c) => c.mode === 'functions validate' && c.malformation === 'not JSON')?.answered5xx).toBe(18);
  });

  it('the consumer contract gate ships the additive cart release and blocks the rename and the discount in euros, rightly, in every shape', () => {
    for (const shape of shapeNames) {
      expect(result.releases.filter((r) => r.shape === shape).map((r) => [r.version, r.gate, r.gateAgrees])).toEqual([
        ['v1 (control)', 'ship', true],
        ['v2-adds-currency', 'ship', true],
        ['v2-renames-discount', 'block', true],
        ['v2-discount-in-euros', 'block', true],
      ]);
    }
  });

  it('reports progress to the total, three tables, two bar charts and a summary from the figures', () => {
    expect(progress.at(-1)).toBe(3 * 2 + 3 * 4);
    expect(browserExperiment.tables(result).map((table) => table.rows.length)).toEqual([6, 10, 12]);
    expect(browserExperiment.plots(result).map((plot) => [plot.kind, plot.rows.length])).toEqual([['bar', 10], ['bar', 6]]);
    const loose = doorTotals(result, 'functions validate');
    expect(loose).toEqual({ sent: 90, refused4xx: 72, answered5xx: 18, functionsEntered: 72, bodiesRun: 0 });
    expect(browserExperiment.summary(result)).toContain(`${loose?.answered5xx} answered with 5xx`);
    expect(browserExperiment.summary(result)).toMatch(/^With the contract at the door, 90 of 90 malformed requests were refused with 4xx/);
    expect(browserExperiment.summary(result)).toContain('blocked v2-renames-discount, v2-discount-in-euros and was right about every cart release, in every shape.');
  });
});

describe('micro-business-modules in the browser, with the reader’s choice of requests', () => {
  it('sends only the malformed requests, modes and shapes chosen, in the canonical order', async () => {
    const p = browserExperiment.params.parse({ shapes: ['nanoservices', 'microservices'], modes: ['functions validate'], malformations: ['not JSON'], repeats: 2 });
    const result = await browserExperiment.run(p);
    expect(result.boundary.map((r) => [r.shape, r.mode, r.malformedSent, r.answered5xx, r.functionsEntered])).toEqual([
      ['microservices', 'functions validate', 12, 12, 0],
      ['nanoservices', 'functions validate', 12, 12, 0],
    ]);
    expect(result.cases.map((c) => c.malformation)).toEqual(['not JSON']);
    expect(browserExperiment.summary(result)).toMatch(/^With the functions validating alone, 0 of 24 malformed requests were refused with 4xx, 24 answered with 5xx/);
  });

  it('starts the form from values the command-line schema accepts, and refuses a malformation it does not know', () => {
    expect(browserExperiment.params.safeParse(browserExperiment.initial).success).toBe(true);
    expect(browserExperiment.params.safeParse({ malformations: ['too long'] }).success).toBe(false);
  });
});
