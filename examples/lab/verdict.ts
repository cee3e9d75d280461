/**
 * The verdicts a claim can get. `pending` means nobody has tested it yet; the claims check lets a
 * pending claim through and stops any other claim that lacks its experiment, tests, evidence or page.
 */
export const verdicts = ['holds', 'holds-with-cost', 'conditional', 'does-not-hold', 'misattributed', 'not-testable', 'pending'] as const;
/** One verdict. */
export type Verdict = (typeof verdicts)[number];
