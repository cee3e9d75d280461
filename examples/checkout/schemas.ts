import { z } from 'zod';

/** A stock-keeping unit the catalogue knows, e.g. `"BOOK-001"`. */
export const SkuSchema = z.string().regex(/^[A-Z]+-\d{3}$/, 'a SKU looks like BOOK-001');

/** What a shopper submits: the input of the whole checkout. */
export const CartSchema = z.object({
  cartId: z.string().min(1),
  customerId: z.string().min(1),
  country: z.enum(['DE', 'FR', 'NL', 'US']),
  items: z.array(z.object({ sku: SkuSchema, quantity: z.number().int().min(1).max(99) })).min(1).max(50),
  couponCode: z.string().optional(),
  paymentToken: z.string().min(1),
});
export type Cart = z.infer<typeof CartSchema>;

/** A cart whose items all exist in the catalogue. */
export const ValidatedCartSchema = CartSchema.extend({ validated: z.literal(true) });
export type ValidatedCart = z.infer<typeof ValidatedCartSchema>;

const PricedLineSchema = z.object({
  sku: SkuSchema,
  quantity: z.number().int(),
  unitPriceCents: z.number().int().nonnegative(),
  lineTotalCents: z.number().int().nonnegative(),
});

/** A validated cart with a price on every line. */
export const PricedCartSchema = ValidatedCartSchema.extend({
  lines: z.array(PricedLineSchema),
  subtotalCents: z.number().int().nonnegative(),
});
export type PricedCart = z.infer<typeof PricedCartSchema>;

/** A priced cart after the coupon (if any) was applied. */
export const DiscountedCartSchema = PricedCartSchema.extend({ discountCents: z.number().int().nonnegative() });
export type DiscountedCart = z.infer<typeof DiscountedCartSchema>;

/** A discounted cart with the tax of its destination country. */
export const TaxedCartSchema = DiscountedCartSchema.extend({
  taxCents: z.number().int().nonnegative(),
  totalCents: z.number().int().nonnegative(),
});
export type TaxedCart = z.infer<typeof TaxedCartSchema>;

/** A taxed cart whose total was charged. */
export const PaidOrderSchema = TaxedCartSchema.extend({
  paymentId: z.string().regex(/^pay_[0-9a-f]{8}$/),
  chargedCents: z.number().int().nonnegative(),
});
export type PaidOrder = z.infer<typeof PaidOrderSchema>;

/** What the shopper gets back: the output of the whole checkout. */
export const ReceiptSchema = z.object({
  receiptId: z.string().regex(/^rcpt_[0-9a-f]{8}$/),
  cartId: z.string(),
  customerId: z.string(),
  lines: z.array(PricedLineSchema),
  subtotalCents: z.number().int(),
  discountCents: z.number().int(),
  taxCents: z.number().int(),
  totalCents: z.number().int(),
  paymentId: z.string(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;
