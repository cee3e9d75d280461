import { describe, expect, it } from 'vitest';
import { closestIds, editDistance, parseCheckArgs } from './check-claim-args.ts';

const ids = ['micro-lockstep', 'modular-monolith-data-ownership', 'modular-monolith-in-process-calls', 'nano-chaining', 'nano-own-schedule'];

describe('parseCheckArgs', () => {
  it('takes one known claim id', () => {
    expect(parseCheckArgs(['nano-chaining'], ids)).toEqual({ kind: 'check', id: 'nano-chaining' });
  });

  it('answers --help with the usage', () => {
    expect(parseCheckArgs(['--help'], ids)).toEqual({ kind: 'help' });
    expect(parseCheckArgs(['nano-chaining', '-h'], ids)).toEqual({ kind: 'help' });
  });

  it('refuses an unknown id, naming the closest ones', () => {
    expect(parseCheckArgs(['nano-chaning'], ids)).toEqual({ kind: 'refused', message: 'no claim "nano-chaning" in examples/claims/registry.ts or examples/claims/comparisons/. Did you mean nano-chaining?' });
    expect(parseCheckArgs(['modular-monolith'], ids)).toMatchObject({ message: expect.stringMatching(/Did you mean modular-monolith-data-ownership or modular-monolith-in-process-calls\?$/) });
  });

  it('lists every known id when none is close', () => {
    expect(parseCheckArgs(['event-sourcing-audit'], ids)).toMatchObject({ kind: 'refused', message: expect.stringMatching(/Known claims: micro-lockstep, modular-monolith-data-ownership, .*nano-own-schedule$/) });
  });

  it('refuses no id, two ids and an option, saying what to type', () => {
    expect(parseCheckArgs([], ids)).toMatchObject({ kind: 'refused', message: expect.stringMatching(/^give the id of the claim to check, for example npm run check -- micro-lockstep\./) });
    expect(parseCheckArgs(['nano-chaining', 'micro-lockstep'], ids)).toMatchObject({ kind: 'refused', message: expect.stringMatching(/^check takes one claim id, got 2 arguments/) });
    expect(parseCheckArgs(['--quick'], ids)).toEqual({ kind: 'refused', message: 'unknown option --quick: check takes a claim id (or --help)' });
  });
});

describe('closestIds and editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('prefers ids that contain what was typed, then the nearest by edits, and gives nothing far away', () => {
    expect(closestIds('chaining', ids)).toEqual(['nano-chaining']);
    expect(closestIds('micro-lokstep', ids)).toEqual(['micro-lockstep']);
    expect(closestIds('xyz', ids)).toEqual([]);
  });
});
