import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parseSystemFile, systemJsonSchema, SystemFileError } from './system-file.ts';

const shopText = readFileSync(new URL('../../systems/shop.json', import.meta.url), 'utf8');
const shop = JSON.parse(shopText) as Record<string, unknown> & { operations: Record<string, Record<string, unknown>> };

/** The shop file with a change, checked; returns the problems it is refused with. */
function problemsOf(change: (file: typeof shop) => void): string[] {
  const file = structuredClone(shop);
  change(file);
  try {
    parseSystemFile(JSON.stringify(file), 'shop.json');
  } catch (error) {
    if (error instanceof SystemFileError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('parseSystemFile', () => {
  it('reads the issue’s example: parallel, sequential and asynchronous steps, and its cut beside the generated ones', () => {
    const system = parseSystemFile(shopText, 'shop.json');
    expect(system.operations.checkout?.calls).toEqual([
      { mode: 'sync', targets: ['cart', 'catalog'] },
      { mode: 'sync', targets: ['payment'] },
      { mode: 'async', targets: ['email'] },
    ]);
    expect(Object.keys(system.cuts)).toEqual(['monolith', 'nanoservices', 'microservices']);
    expect(system.cuts.microservices?.units.map((unit) => unit.name)).toEqual(['checkout', 'cart+catalog', 'payment+email']);
    expect(system.cuts.nanoservices?.units).toHaveLength(5);
    expect(system.operations.cart).toMatchObject({ state: ['carts'], payloadBytes: 1500, description: '' });
  });

  it('reads a unit divided into modules', () => {
    const file = structuredClone(shop);
    file.cuts = { 'modular-monolith': [{ name: 'shop', modules: { orders: ['checkout', 'cart', 'catalog'], billing: ['payment', 'email'] } }] };
    const cut = parseSystemFile(JSON.stringify(file), 'shop.json').cuts['modular-monolith'];
    expect(cut?.units).toEqual([
      {
        name: 'shop',
        operations: ['checkout', 'cart', 'catalog', 'payment', 'email'],
        modules: [
          { name: 'orders', operations: ['checkout', 'cart', 'catalog'] },
          { name: 'billing', operations: ['payment', 'email'] },
        ],
      },
    ]);
  });

  it('refuses a field it cannot use with its path and what it accepts', () => {
    expect(problemsOf((file) => ((file.operations.cart as { work: unknown }).work = { cpuUs: -1 }))).toEqual([expect.stringMatching(/^operations\.cart\.work\.cpuUs: /)]);
    expect(problemsOf((file) => ((file.operations.cart as { work: unknown }).work = { cpuUs: { median: 300, p99: 100 } }))).toEqual(['operations.cart.work.cpuUs.p99: p99 must be at least the median']);
    expect(problemsOf((file) => ((file.operations.checkout as { calls: unknown }).calls = [{ call: 'cart' }]))).toEqual([expect.stringMatching(/^operations\.checkout\.calls\[0\]: /)]);
    expect(problemsOf((file) => (file.name = 'My Shop'))).toEqual(['name: lowercase words joined by hyphens, e.g. online-boutique']);
    expect(problemsOf((file) => (file.colour = 'blue'))).toEqual([expect.stringMatching(/colour/)]);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseSystemFile('{ "name": ', 'broken.json')).toThrow(/broken\.json: 1 problem:\n {2}not JSON/);
  });

  it('refuses an unknown entry or call target by name, listing the operations', () => {
    expect(problemsOf((file) => (file.entry = 'start'))).toEqual([expect.stringMatching(/^entry: "start" is not an operation: the operations are checkout, cart, catalog, payment, email$/)]);
    expect(problemsOf((file) => ((file.operations.checkout as { calls: unknown }).calls = [{ sync: ['cart', 'paymnt'] }]))[0]).toMatch(/^operations\.checkout\.calls\[0\]: calls "paymnt", which is not an operation/);
  });

  it('refuses a cycle, naming it', () => {
    expect(problemsOf((file) => ((file.operations.payment as { calls: unknown }).calls = [{ async: 'checkout' }]))).toEqual(['operations: the calls make a cycle, checkout → payment → checkout: a request would never end']);
  });

  it('refuses an operation the entry never reaches', () => {
    expect(problemsOf((file) => (file.operations.audit = { work: { cpuUs: 10 } }))).toEqual([
      'operations: "audit" is never called from the entry "checkout": call it or leave it out',
      'cuts.microservices: leaves out "audit": a cut places every operation in a unit',
    ]);
  });

  it('refuses a cut that leaves out, repeats or invents an operation, or takes a generated cut’s name', () => {
    expect(problemsOf((file) => (file.cuts = { micro: [['checkout'], ['cart', 'catalog'], ['payment']] }))).toEqual(['cuts.micro: leaves out "email": a cut places every operation in a unit']);
    expect(problemsOf((file) => (file.cuts = { micro: [['checkout', 'cart'], ['cart', 'catalog', 'payment', 'email']] }))).toEqual(['cuts.micro: puts "cart" in more than one place (units 0 and 1): a cut places each operation once']);
    expect(problemsOf((file) => (file.cuts = { micro: [['checkout', 'cart', 'catalog', 'payment', 'email', 'fax']] }))[0]).toMatch(/^cuts\.micro: "fax" is not an operation/);
    expect(problemsOf((file) => (file.cuts = { monolith: [['checkout', 'cart', 'catalog', 'payment', 'email']] }))).toEqual(['cuts.monolith: "monolith" is made for every system; give your cut another name']);
  });
});

describe('systemJsonSchema', () => {
  // zod's JSON Schema gives a source's url "format": "uri" beside a pattern; ajv is told the format
  // exists rather than given a second implementation of it.
  const validate = new Ajv2020({ allErrors: true, formats: { uri: true } }).compile(systemJsonSchema('https://example.org/systems/schema.json'));

  it('accepts the worked example and refuses what the zod schema refuses field by field', () => {
    expect(validate(shop), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...shop, name: 'My Shop' })).toBe(false);
    expect(validate({ ...shop, operations: { ...shop.operations, cart: { work: { cpuUs: 'fast' } } } })).toBe(false);
  });

  it('carries its address', () => {
    expect(systemJsonSchema('https://example.org/systems/schema.json').$id).toBe('https://example.org/systems/schema.json');
  });
});
