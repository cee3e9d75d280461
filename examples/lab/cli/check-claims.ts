/** `npm run check:claims`: fails, naming the claim and what it lacks, when a published claim is incomplete. */
import { checkClaims } from '../../claims/check.ts';
import { claims } from '../../claims/registry.ts';
import { experimentIds } from '../../experiments.ts';

const problems = await checkClaims(claims, { experimentIds });
const published = claims.filter((claim) => claim.verdict !== 'pending').length;
if (problems.length) {
  const ids = [...new Set(problems.map((p) => p.claim))];
  console.error(
    `claims check: ${problems.length} problem${problems.length > 1 ? 's' : ''}\n${problems.map((p) => `  ✗ ${p.message}`).join('\n')}\n` +
      `For everything CI checks on one claim (its tests, type check, lint and page too): npm run check -- ${ids.length === 1 ? ids[0] : '<claim-id>'}`,
  );
  process.exit(1);
}
console.log(`claims check: ${claims.length} claims, ${published} published with experiment, tests, evidence and page; ${claims.length - published} pending`);
