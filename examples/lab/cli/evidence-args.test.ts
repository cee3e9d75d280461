import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvidenceArgs } from './evidence-args.ts';

const ids = ['micro-no-shared-data', 'nano-chaining', 'nano-single-endpoint'];

describe('parseEvidenceArgs', () => {
  it('takes known experiment ids, or none for every experiment', () => {
    expect(parseEvidenceArgs([], ids)).toEqual({ kind: 'run', ids: [] });
    expect(parseEvidenceArgs(['nano-chaining', 'micro-no-shared-data'], ids)).toEqual({ kind: 'run', ids: ['nano-chaining', 'micro-no-shared-data'] });
    expect(parseEvidenceArgs(['--help'], ids)).toEqual({ kind: 'help' });
  });

  it('refuses parameters, naming the npm run example command that tries them', () => {
    expect(parseEvidenceArgs(['nano-single-endpoint', '--transports', 'x'], ids)).toEqual({
      kind: 'refused',
      message: 'npm run evidence runs each experiment at its default parameters; it takes only experiment ids. To try parameters, use npm run example -- nano-single-endpoint --transports x',
    });
    expect(parseEvidenceArgs(['--quick', 'a b'], ids)).toMatchObject({ message: expect.stringMatching(/use npm run example -- <id> --quick 'a b'$/) as unknown });
  });

  it('refuses an unknown id with the closest ones, and an id named twice', () => {
    expect(parseEvidenceArgs(['nano-chaning'], ids)).toEqual({ kind: 'refused', message: 'unknown experiment "nano-chaning". Did you mean nano-chaining?' });
    expect(parseEvidenceArgs(['constructor'], ids)).toMatchObject({ kind: 'refused', message: expect.stringContaining('unknown experiment "constructor"') as unknown });
    expect(parseEvidenceArgs(['nano-chaining', 'nano-chaining'], ids)).toEqual({ kind: 'refused', message: 'nano-chaining is named twice: name each experiment once' });
  });

  it('runs only known ids, each once, and refuses anything else naming it', () => {
    const argument = fc.oneof(fc.constantFrom(...ids, '--transports', '--json', '-h', '--help', 'x', '__proto__', 'toString'), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 4 }), (args) => {
        const request = parseEvidenceArgs(args, ids);
        if (request.kind === 'run') {
          expect(request.ids.every((id) => ids.includes(id))).toBe(true);
          expect(new Set(request.ids).size).toBe(request.ids.length);
        } else if (request.kind === 'help') {
          expect(args).toHaveLength(1);
        } else {
          expect(args.some((arg) => request.message.includes(arg))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
