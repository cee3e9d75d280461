import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../files/evidence.ts';

// The command line only: the steps themselves are tested in check-claim-steps.test.ts, and a whole
// run on a scaffolded claim in scaffold.integration.test.ts.
const check = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'examples/lab/cli/check-claim.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('npm run check -- <claim-id>', () => {
  it('exits 2 for an unknown claim, naming the closest one, and prints nothing to stdout', () => {
    const run = check('nano-chaning');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^check: no claim "nano-chaning" .*Did you mean nano-chaining\?\nusage: npm run check -- <claim-id>/);
    expect(run.stdout).toBe('');
  });

  it('exits 2 without an id, listing the known claims, and for two ids', () => {
    expect(check()).toMatchObject({ code: 2, stderr: expect.stringMatching(/Known claims: .*nano-chaining/) });
    expect(check('nano-chaining', 'micro-lockstep')).toMatchObject({ code: 2, stderr: expect.stringMatching(/takes one claim id/) });
  });

  it('prints its usage for --help and exits 0', () => {
    expect(check('--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: npm run check -- <claim-id>/) });
  });
});
