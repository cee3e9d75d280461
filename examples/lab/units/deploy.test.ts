import { afterEach, describe, expect, it } from 'vitest';
import { CheckoutError } from '../../checkout/checkout-error.ts';
import { sampleCart } from '../../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess } from '../../checkout/steps.ts';
import { deployShape, type Deployment } from './deploy.ts';
import { httpTransport } from '../network/http-transport.ts';
import { memoryTransport } from './memory-transport.ts';
import { processTransport } from '../network/process-transport.ts';
import { shapes, truncateShape, type AnyShape } from '../model/shapes.ts';

const running: Deployment<AnyShape>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((deployment) => deployment.close()));
});
async function deploy(...args: Parameters<typeof deployShape>) {
  const deployment = await deployShape(...args);
  running.push(deployment);
  return deployment;
}

describe.each([memoryTransport, httpTransport])('deployShape over $name', (transport) => {
  it.each(Object.values(shapes))('$name returns exactly what the functions return in one call stack', async (shape) => {
    const deployment = await deploy(shape, transport);
    const answer = await deployment.checkout(sampleCart);
    expect(answer.value).toEqual(runCheckoutInProcess(sampleCart));
    expect(answer.networkCalls).toBe(shape.units.length);
  });

  it('makes one network call per unit the cart passes through, at every chain length', async () => {
    for (let length = 1; length <= 6; length += 1) {
      const deployment = await deploy(truncateShape(shapes.nanoservices, length), transport);
      expect((await deployment.checkout(sampleCart)).networkCalls).toBe(length);
    }
  });

  it('carries a business error back across every unit unchanged', async () => {
    const deployment = await deploy(shapes.nanoservices, transport);
    const declined = deployment.checkout({ ...sampleCart, paymentToken: 'tok_declined' });
    await expect(declined).rejects.toThrow(new CheckoutError('payment-declined', 'payment for cart cart-0001 was declined'));
  });

  it('refuses a bad cart at the first unit with the field that is wrong', async () => {
    const deployment = await deploy(shapes.microservices, transport);
    await expect(deployment.checkout({ ...sampleCart, items: [] })).rejects.toThrow(/validateCart: items/);
  });
});

describe('deployShape', () => {
  it('closes twice without complaint', async () => {
    const deployment = await deployShape(shapes.microservices, httpTransport);
    await deployment.close();
    await deployment.close();
  });
});

describe('deployShape with unit options', () => {
  it('swaps a function in one unit, runs its middleware, and sends its headers to the next unit', async () => {
    const seen: string[] = [];
    const deployment = await deploy(shapes.microservices, httpTransport, {
      unitOptions: (unit) => ({
        steps: unit === 'billing' ? { calculateTax: { ...checkoutSteps.calculateTax, run: (input) => ({ ...(checkoutSteps.calculateTax.run(input) as object), taxCents: 0 }) } } : {},
        middleware: [async (c, next) => { seen.push(`${unit}:${c.req.header('x-from') ?? 'client'}`); await next(); }],
        outgoingHeaders: () => ({ 'x-from': unit }),
      }),
    });
    const answer = await deployment.checkout(sampleCart);
    expect((answer.value as { taxCents: number }).taxCents).toBe(0);
    expect(seen).toEqual(['cart:client', 'billing:cart', 'receipts:billing']);
  });

  it('calls any route of any unit directly', async () => {
    const deployment = await deploy(shapes.nanoservices, memoryTransport);
    const priced = await deployment.call('priceCart', 'priceCart', checkoutSteps.validateCart.run(sampleCart));
    expect(priced.networkCalls).toBe(5);
  });

  it('refuses unit options over processes, before starting anything', async () => {
    await expect(deployShape(shapes.monolith, processTransport, { unitOptions: () => ({}) })).rejects.toThrow(/processTransport cannot take unit options/);
  });
});
