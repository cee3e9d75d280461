import type { Cart } from './schemas.ts';

/**
 * A cart with three lines, a coupon and a German address: the input every experiment sends,
 * so that request and response sizes are the same across shapes.
 */
export const sampleCart: Cart = {
  cartId: 'cart-0001',
  customerId: 'customer-42',
  country: 'DE',
  items: [
    { sku: 'BOOK-001', quantity: 2 },
    { sku: 'MUG-001', quantity: 1 },
    { sku: 'PEN-001', quantity: 5 },
  ],
  couponCode: 'WELCOME10',
  paymentToken: 'tok_visa_4242',
};
