/**
 * The verdicts a claim can get. `pending` means nobody has tested it yet: the scaffolder writes it,
 * and the claims check refuses it, with the steps left, so that no untested claim reaches `main`.
 */
export const verdicts = ['holds', 'holds-with-cost', 'conditional', 'does-not-hold', 'misattributed', 'not-testable', 'pending'] as const;
/** One verdict. */
export type Verdict = (typeof verdicts)[number];
