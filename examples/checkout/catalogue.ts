/** Unit prices in cents. A fixed catalogue keeps every run of every shape comparable. */
export const unitPriceCents: Readonly<Record<string, number>> = {
  'BOOK-001': 1999,
  'BOOK-002': 3450,
  'MUG-001': 1200,
  'PEN-001': 250,
  'BAG-001': 4999,
};

/** Coupon codes and the percentage they take off the subtotal. */
export const couponPercent: Readonly<Record<string, number>> = { WELCOME10: 10, LOYAL15: 15 };

/** VAT or sales tax rate by destination country, in basis points (1900 = 19 %). */
export const taxRateBasisPoints: Readonly<Record<string, number>> = { DE: 1900, FR: 2000, NL: 2100, US: 725 };

/** The payment token the stand-in payment provider always declines. */
export const declinedPaymentToken = 'tok_declined';
