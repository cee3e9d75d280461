import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { microservices, monolith, nanoservices } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { checkDockerfile, containerPort, dockerfileFor, manifestsFor } from './manifests.ts';
import { findingFor, verdictFor, type ContainersResult, type DrainRow, type PackagingRow } from './report.ts';

let result: ContainersResult;
const drain = (mode: string, shape: string) => {
  const found = result.drains.find((row) => row.mode === mode && row.shape === shape);
  if (!found) throw new Error(`no row for ${mode}/${shape}`);
  return found;
};
const shapeNames = ['monolith', 'microservices', 'nanoservices'] as const;

describe('the generated container packaging', () => {
  it('passes the static Dockerfile checks, and the checks catch a root user, a shell-form CMD and a missing EXPOSE', () => {
    expect(Object.values(checkDockerfile(dockerfileFor(microservices, 'billing'), containerPort)).every(Boolean)).toBe(true);
    const bad = checkDockerfile('FROM node:20\nUSER root\nEXPOSE 3000\nCMD node x.cjs', containerPort);
    expect(bad).toEqual({ from: true, nonRootUser: false, exposesPort: false, healthcheck: false, execFormCmd: false });
  });

  it('validates against the Kubernetes schemas, and validation rejects a probe without a port', () => {
    const { deployment, service } = manifestsFor(nanoservices, 'calculateTax', 2);
    expect(() => deployment.validate()).not.toThrow();
    expect(() => service.validate()).not.toThrow();
    const container = deployment.spec?.template.spec?.containers[0];
    expect([container?.livenessProbe?.httpGet?.path, container?.readinessProbe?.httpGet?.path]).toEqual(['/healthz', '/readyz']);
    const broken = manifestsFor(monolith, 'checkout', 1).deployment;
    (broken.spec?.template.spec?.containers[0]?.readinessProbe?.httpGet as { port?: unknown }).port = undefined;
    expect(() => broken.validate()).toThrow(/port/);
  });
});

describe('micro-containers (quick run: three shapes, drain and no handler, 16 checkouts in flight)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 90_000);

  it('every unit of every shape listened on the port from its environment and answered both probes', () => {
    for (const row of result.drains) {
      expect(row.units).toBe({ monolith: 1, microservices: 3, nanoservices: 6 }[row.shape]);
      expect([row.portFromEnv, row.healthy, row.ready]).toEqual([row.units, row.units, row.units]);
    }
  });

  it('with the drain, every checkout in flight at SIGTERM completes and every unit exits 0, in every shape', () => {
    for (const shape of shapeNames) {
      const row = drain('graceful', shape);
      // The load keeps about as many checkouts in flight as it has clients.
      expect(row.inFlightAtSigterm).toBeGreaterThan(8);
      expect(row.inFlightCompleted).toBe(row.inFlightAtSigterm);
      expect(row.inFlightFailed).toBe(0);
      expect(row.failed).toBe(0);
      expect(row.succeeded).toBe(row.sent);
      expect(row.exits).toEqual(Array.from({ length: row.units }, () => '0'));
    }
  });

  it('the control fails: without a handler SIGTERM kills every unit and the in-flight checkouts with it', () => {
    for (const shape of shapeNames) {
      const row = drain('no-handler', shape);
      expect(row.exits).toEqual(Array.from({ length: row.units }, () => 'SIGTERM'));
      expect(row.inFlightFailed).toBeGreaterThan(0);
      expect(row.inFlightCompleted + row.inFlightFailed).toBe(row.inFlightAtSigterm);
    }
  });

  it('every stdout line of every unit is one JSON object', () => {
    for (const row of result.drains) {
      expect(row.logLines).toBeGreaterThan(row.sent > 0 ? row.units : 0);
      expect(row.unparseableLines).toBe(0);
    }
  });

  it('packaging grows with the units: 1, 3 and 6 images, two valid objects and two live probes per unit', () => {
    expect(result.packaging.map((row) => [row.images, row.dockerfilesPassing, row.manifestsValid, row.probesOnLiveEndpoints])).toEqual([
      [1, 1, 2, 2],
      [3, 3, 6, 6],
      [6, 6, 12, 12],
    ]);
  });

  it('supports the verdict: misattributed, since the monolith honours the contract as well', () => {
    expect(verdictFor(result).verdict).toBe(claimById('micro-containers').verdict);
    expect(findingFor(result).shownBy).toEqual({ monolith: true, microservices: true, nanoservices: true });
    expect(experiment.tables(result)[0]?.rows).toHaveLength(6);
  });
});

describe('findingFor', () => {
  const row: DrainRow = {
    shape: 'microservices', mode: 'graceful', run: 1, units: 3, drainDelayMs: 400, portFromEnv: 3, healthy: 3, ready: 3, sent: 100, succeeded: 100, failed: 0,
    inFlightAtSigterm: 4, inFlightCompleted: 4, inFlightFailed: 0, sentAfterSigterm: 0, failedAfterSigterm: 0, drainMs: 450, exits: ['0', '0', '0'], logLines: 300, unparseableLines: 0,
  };
  const pack: PackagingRow = { shape: 'microservices', units: 3, images: 3, dockerfilesPassing: 3, manifests: 6, manifestsValid: 6, probes: 6, probesOnLiveEndpoints: 6 };
  const mono: DrainRow = { ...row, shape: 'monolith', units: 1, portFromEnv: 1, healthy: 1, ready: 1, exits: ['0'] };
  const monoPack: PackagingRow = { ...pack, shape: 'monolith', units: 1, images: 1, dockerfilesPassing: 1, manifests: 2, manifestsValid: 2, probes: 2, probesOnLiveEndpoints: 2 };
  const sample = { unit: 'billing', dockerfile: '', deployment: null, service: null };
  const killed: DrainRow = { ...row, mode: 'no-handler', inFlightCompleted: 0, inFlightFailed: 4, exits: ['SIGTERM', 'SIGTERM', 'SIGTERM'] };

  it('is misattributed when the monolith honours the contract too, in every run; the price is images', () => {
    const result = { drains: [mono, row, { ...mono, run: 2 }, { ...row, run: 2 }, killed], packaging: [monoPack, pack], sample, referenceSystems: { systems: [], cuts: [] } };
    expect(verdictFor(result).verdict).toBe('misattributed');
    expect(findingFor(result).because).toBe('every cut completed 16 of 16 checkouts in flight at SIGTERM (2 runs each); without a SIGTERM handler 4 of 4 failed');
    expect(findingFor(result).cost?.ratio.estimate).toBe(3);
  });

  it('holds, at the price of its images, when only the microservices honour it: one failed run of the monolith is enough', () => {
    const result = { drains: [mono, row, { ...mono, run: 2, inFlightFailed: 2 }, { ...row, run: 2 }], packaging: [monoPack, pack], sample, referenceSystems: { systems: [], cuts: [] } };
    expect(verdictFor(result).verdict).toBe('holds-with-cost');
    expect(findingFor(result).because).toBe('monolith broke the container contract; the microservices completed 8 of 8 checkouts in flight at SIGTERM');
  });

  it('does not hold when a microservice exits non-zero or writes a line that is not JSON', () => {
    expect(verdictFor({ drains: [mono, { ...row, exits: ['0', '1', '0'] }], packaging: [monoPack, pack], sample, referenceSystems: { systems: [], cuts: [] } }).verdict).toBe('does-not-hold');
    expect(verdictFor({ drains: [mono, { ...row, unparseableLines: 1 }], packaging: [monoPack, pack], sample, referenceSystems: { systems: [], cuts: [] } }).verdict).toBe('does-not-hold');
  });

  it('throws when the microservices were not drained', () => {
    expect(() => findingFor({ drains: [mono], packaging: [monoPack, pack], sample, referenceSystems: { systems: [], cuts: [] } })).toThrow('microservices');
  });
});
