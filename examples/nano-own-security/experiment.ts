import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, stepNames, type CheckoutStep, type StepName } from '../checkout/steps.ts';
import { deployShape, type Deployment } from '../lab/units/deploy.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { shapes, type Shape, type ShapeName } from '../lab/model/shapes.ts';
import { findingFor, leakTable, securityTable, type LeakRow, type SecurityResult, type SecurityRow } from './report.ts';
import { authPolicies, issueShapeSecrets, signedToken, unitGuard, type AuthPolicy, type GuardCounters, type ShapeSecrets } from './unit-credentials.ts';

const params = z.object({
  policies: z.array(z.enum(authPolicies)).min(1).default(['unit', 'route']),
  shapes: z.array(z.enum(['monolith', 'microservices', 'nanoservices'])).min(1).default(['monolith', 'microservices', 'nanoservices']),
  /** Times every bad call and every leak probe is repeated: a guard that lets one in many through is still caught. */
  repeats: z.number().int().min(1).max(100).default(20),
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** The input a route expects: what the functions before it return for the sample cart. */
const inputFor = (route: StepName) => runCheckoutInProcess(sampleCart, stepNames.indexOf(route));
const statusOf = (error: unknown) => Number(/unit answered (\d{3})/.exec(error instanceof Error ? error.message : '')?.[1] ?? 0);

/** Every function of every unit wrapped so that each run is counted. */
function countingSteps(executions: Map<StepName, number>): Partial<Record<StepName, CheckoutStep>> {
  return Object.fromEntries(
    stepNames.map((name) => [name, { ...checkoutSteps[name], run: (input: unknown) => (executions.set(name, (executions.get(name) ?? 0) + 1), checkoutSteps[name].run(input)) }]),
  );
}

/** Calls every route of every unit with `headers` and reports the routes that answered 200, and the refusals. */
async function tryEveryRoute(deployment: Deployment, headers: Record<string, string> | undefined, executions: Map<StepName, number>) {
  const opened: string[] = [];
  let refused401 = 0;
  let refused403 = 0;
  let executionsWhenRefused = 0;
  let tried = 0;
  for (const unit of deployment.shape.units) {
    for (const route of unit.functions) {
      tried += 1;
      const before = [...executions.values()].reduce((a, b) => a + b, 0);
      try {
        await deployment.call(unit.name, route, inputFor(route), headers);
        opened.push(`${unit.name}/${route}`);
      } catch (error) {
        const status = statusOf(error);
        if (status === 401) refused401 += 1;
        else if (status === 403) refused403 += 1;
        else throw error;
        executionsWhenRefused += [...executions.values()].reduce((a, b) => a + b, 0) - before;
      }
    }
  }
  return { opened, tried, refused401, refused403, executionsWhenRefused };
}

async function measureShape(shape: Shape, policy: AuthPolicy, repeats: number): Promise<{ row: SecurityRow; leaks: LeakRow[] }> {
  const secrets: ShapeSecrets = issueShapeSecrets(shape);
  const executions = new Map<StepName, number>();
  const counters: GuardCounters = { verified: 0, refused: 0 };
  const tokenHeldBy = (holder: string) => secrets.credentials.find((credential) => credential.holder === holder)?.token;
  const deployment = await deployShape(shape, httpTransport, {
    unitOptions: (unitName) => ({
      steps: countingSteps(executions),
      middleware: [unitGuard(shape, unitName, secrets, policy, counters)],
      // The unit attaches the one credential it holds: the token for the unit after it.
      outgoingHeaders: () => {
        const token = tokenHeldBy(unitName);
        return token ? bearer(token) : {};
      },
    }),
  });
  try {
    const clientToken = tokenHeldBy('client') ?? '';
    const answer = await deployment.checkout(sampleCart, bearer(clientToken));
    const checkoutIdentical = isDeepStrictEqual(answer.value, runCheckoutInProcess(sampleCart));
    const verificationsPerCheckout = counters.verified;

    // Bad calls: none, garbage, the right shape of token signed with a key no unit has, and a real
    // token issued for another unit. Each is tried on every route of every unit.
    const foreign = secrets.credentials.at(-1)?.token ?? clientToken;
    const badHeaders: Array<Record<string, string> | undefined> = [
      undefined,
      bearer('not-a-token'),
      ...shape.units.map((unit) => bearer(signedToken(randomBytes(32), secrets.allowedCaller.get(unit.name) ?? 'client', unit.name))),
      bearer(foreign),
    ];
    let badCallsSent = 0;
    let refused401 = 0;
    let refused403 = 0;
    let executionsFromBadCalls = 0;
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      for (const headers of badHeaders) {
        const probe = await tryEveryRoute(deployment, headers, executions);
        // The foreign token is real: on the unit it was issued for it must open routes; elsewhere it is refused.
        badCallsSent += probe.tried - (headers === badHeaders.at(-1) ? probe.opened.length : 0);
        refused401 += probe.refused401;
        refused403 += probe.refused403;
        executionsFromBadCalls += probe.executionsWhenRefused;
      }
    }

    // Leaks: each credential in turn, tried on every route of every unit.
    const leaks: LeakRow[] = [];
    for (const credential of secrets.credentials) {
      let probe = await tryEveryRoute(deployment, bearer(credential.token), executions);
      for (let repeat = 1; repeat < repeats; repeat += 1) {
        const again = await tryEveryRoute(deployment, bearer(credential.token), executions);
        if (again.opened.join() !== probe.opened.join()) probe = { ...probe, opened: [...new Set([...probe.opened, ...again.opened])] };
        executionsFromBadCalls += again.executionsWhenRefused;
      }
      executionsFromBadCalls += probe.executionsWhenRefused;
      leaks.push({
        policy,
        shape: shape.name,
        holder: credential.holder,
        audience: credential.audience,
        routesOpened: probe.opened.length,
        routesTried: probe.tried,
        opened: probe.opened.join(' '),
      });
    }
    const routes = shape.units.reduce((sum, unit) => sum + unit.functions.length, 0);
    const row: SecurityRow = {
      policy,
      shape: shape.name,
      units: shape.units.length,
      routes,
      keys: secrets.keys.size,
      tokens: secrets.credentials.length,
      secrets: secrets.keys.size + secrets.credentials.length,
      verificationsPerCheckout,
      checkoutIdentical,
      badCallsSent,
      refused401,
      refused403,
      executionsFromBadCalls,
      leakableCredentials: leaks.length,
      maxRoutesOpened: Math.max(...leaks.map((leak) => leak.routesOpened)),
      meanRoutesOpened: Math.round((leaks.reduce((sum, leak) => sum + leak.routesOpened, 0) / leaks.length) * 100) / 100,
      leaksOpeningPayment: leaks.filter((leak) => leak.opened.split(' ').some((route) => route.endsWith('/chargePayment'))).length,
    };
    return { row, leaks };
  } finally {
    await deployment.close();
  }
}

/**
 * nano-own-security: every unit of every shape gets its own HMAC key and accepts only the caller
 * before it in the chain (the entry unit only the client), over real HTTP. It sends calls without a
 * token, with forged tokens and with tokens for other units to every route, counting refusals and
 * the functions that ran; then leaks each credential in turn and counts the routes it opens; and it
 * counts the secrets each shape needs. A second policy closes every route but a unit's entry.
 */
export const experiment = defineExperiment({
  id: 'nano-own-security',
  title: 'A security policy per nanoservice: blast radius of a leak and secrets to manage',
  params,
  quick: { repeats: 2 },
  tables: (result) => [securityTable(result), leakTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<SecurityResult> {
    const rows: SecurityRow[] = [];
    const leaks: LeakRow[] = [];
    const total = p.policies.length * p.shapes.length;
    for (const policy of p.policies) {
      for (const shapeName of p.shapes as ShapeName[]) {
        const measured = await measureShape(shapes[shapeName], policy, p.repeats);
        rows.push(measured.row);
        leaks.push(...measured.leaks);
        onProgress?.({ done: rows.length, total, label: `${policy} policy · ${shapeName}` });
      }
    }
    return { rows, leaks, referenceSystems: referenceStructures() };
  },
});
