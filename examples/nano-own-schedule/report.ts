import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { TransportName } from '../lab/units/transport.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** What one consumer reads from the provider, and whether the two share a unit in each shape. */
export interface ContractRow {
  readonly provider: string;
  readonly consumer: string;
  readonly fields: readonly string[];
  readonly invariants: readonly string[];
  /** True where consumer and provider sit in different units: only there a contract test stands between them. */
  readonly crossesUnits: Readonly<Record<ShapeName, boolean>>;
}

/** One candidate release checked against every consumer contract, before any deployment. */
export interface ReleaseCheck {
  readonly version: string;
  readonly change: string;
  /** Contract checks run: contracts × sample carts. */
  readonly checksRun: number;
  /** Consumers whose contract (schema and declared rules) the version breaks. */
  readonly failingConsumers: readonly string[];
  /** Consumers a schema-only contract test would flag. */
  readonly schemaOnlyFailingConsumers: readonly string[];
  readonly gate: 'ship' | 'block';
}

/** One candidate release deployed in one shape: what it touches and what actually happened. */
export interface ReleaseInShape {
  readonly version: string;
  readonly shape: ShapeName;
  readonly providerUnit: string;
  /** Functions rebuilt and redeployed with the provider: every function of its unit. */
  readonly functionsRedeployed: number;
  /** Contracts between the provider and consumers in other units: the checks this shape needs before release. */
  readonly crossUnitContracts: number;
  /** Consumers in the provider's own unit: its own tests cover them, they ship together. */
  readonly inUnitConsumers: number;
  /** Units that must release for this change: the provider's, plus every unit holding a consumer it breaks. */
  readonly unitsToRelease: number;
  readonly checkoutsSent: number;
  /** Checkouts that returned a receipt whose figures add up, on every transport. */
  readonly checkoutsCorrect: number;
  /** The version, deployed alone into the provider's unit, broke the checkout on some transport. */
  readonly broken: boolean;
  /** The gate (contracts and rules) said ship exactly when the deployment did not break. */
  readonly gateAgrees: boolean;
  readonly schemaOnlyGateAgrees: boolean;
}

/** Consumer contracts over the whole checkout (every provider), per shape. */
export interface SystemContracts {
  readonly shape: ShapeName;
  readonly units: number;
  readonly contracts: number;
  readonly crossUnitContracts: number;
}

/** The whole result of a nano-own-schedule run: plain JSON. */
export interface OwnScheduleResult {
  readonly provider: string;
  readonly transports: readonly TransportName[];
  readonly sampleCarts: number;
  readonly contracts: readonly ContractRow[];
  readonly checks: readonly ReleaseCheck[];
  readonly releases: readonly ReleaseInShape[];
  readonly system: readonly SystemContracts[];
}

/**
 * Each candidate release: the gate's decision, then per shape what it touches and what happened.
 *
 * @example
 * ```ts
 * releaseTable(result).rows[0]; // { version: 'v1 (control)', shape: 'monolith', gate: 'ship', ... }
 * ```
 */
export function releaseTable(result: OwnScheduleResult): ResultTable {
  return {
    title: `Releasing a new ${result.provider} alone: the contract gate, the units it touches, and what the deployment did`,
    columns: [
      { key: 'version', label: 'version' },
      { key: 'shape', label: 'shape' },
      { key: 'gate', label: 'gate' },
      { key: 'failingConsumers', label: 'consumers it breaks' },
      { key: 'crossUnitContracts', label: 'cross-unit contracts checked' },
      { key: 'functionsRedeployed', label: 'functions redeployed' },
      { key: 'unitsToRelease', label: 'units that must release' },
      { key: 'checkouts', label: 'correct checkouts, deployed alone' },
      { key: 'gateAgrees', label: 'gate right?' },
    ],
    rows: result.releases.map((release) => {
      const check = result.checks.find((c) => c.version === release.version);
      return {
        version: release.version,
        shape: release.shape,
        gate: check?.gate ?? null,
        failingConsumers: check?.failingConsumers.join(', ') || '—',
        crossUnitContracts: release.crossUnitContracts,
        functionsRedeployed: release.functionsRedeployed,
        unitsToRelease: release.unitsToRelease,
        checkouts: `${release.checkoutsCorrect} / ${release.checkoutsSent}`,
        gateAgrees: release.gateAgrees ? 'yes' : 'no',
      };
    }),
  };
}

/**
 * The contracts the whole checkout needs per shape, over every provider.
 *
 * @example
 * ```ts
 * systemContractsTable(result).rows; // [{ shape: 'monolith', units: 1, contracts: 15, crossUnitContracts: 0 }, ...]
 * ```
 */
export function systemContractsTable(result: OwnScheduleResult): ResultTable {
  return {
    title: 'Consumer contracts the whole checkout needs, per shape',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'contracts', label: 'provider → consumer pairs' },
      { key: 'crossUnitContracts', label: 'pairs across units (contract tests to keep)' },
    ],
    rows: result.system.map((row) => ({ ...row })),
  };
}

/**
 * The consumer contracts on the provider released here, and which shapes put them across units.
 *
 * @example
 * ```ts
 * contractsTable(result).rows[0]; // { consumer: 'chargePayment', fields: 'taxCents totalCents', ... }
 * ```
 */
export function contractsTable(result: OwnScheduleResult): ResultTable {
  return {
    title: `What each consumer of ${result.provider} relies on`,
    columns: [
      { key: 'consumer', label: 'consumer' },
      { key: 'fields', label: 'fields it reads' },
      { key: 'invariants', label: 'rules it declares' },
      { key: 'microservices', label: 'across units (microservices)' },
      { key: 'nanoservices', label: 'across units (nanoservices)' },
    ],
    rows: result.contracts
      .filter((contract) => contract.provider === result.provider)
      .map((contract) => ({
        consumer: contract.consumer,
        fields: contract.fields.join(' '),
        invariants: contract.invariants.join('; ') || '—',
        microservices: contract.crossesUnits.microservices ? 'yes' : 'no',
        nanoservices: contract.crossesUnits.nanoservices ? 'yes' : 'no',
      })),
  };
}

/**
 * The verdict the figures support. The claim holds if a compatible new version ships in one
 * nanoservice unit alone and the contract gate blocks every version that would break a consumer;
 * it holds with a cost when that gate needs contract tests across units and a breaking change still
 * needs several units to release together. A gate that is wrong makes it conditional.
 *
 * @example
 * ```ts
 * ownScheduleVerdict(result); // { verdict: 'holds-with-cost', because: 'v2-adds-rate shipped alone ...' }
 * ```
 */
export function ownScheduleVerdict(result: OwnScheduleResult): { verdict: Verdict; because: string } {
  const nano = result.releases.filter((release) => release.shape === 'nanoservices');
  const wrong = result.releases.find((release) => !release.gateAgrees);
  if (wrong) {
    const missed = !wrong.broken ? 'blocked a release that worked' : 'let through a release that broke the checkout';
    return { verdict: 'conditional', because: `the contract gate ${missed} (${wrong.version}, ${wrong.shape}): independent release is only as safe as the contracts` };
  }
  const shipped = nano.filter((release) => result.checks.find((check) => check.version === release.version)?.gate === 'ship' && !release.version.startsWith('v1'));
  const blocked = nano.filter((release) => result.checks.find((check) => check.version === release.version)?.gate === 'block');
  const alone = shipped.find((release) => release.unitsToRelease === 1 && release.functionsRedeployed === 1 && !release.broken);
  if (!alone) return { verdict: 'does-not-hold', because: 'no new version of the function could ship alone in one nanoservice unit' };
  const micro = result.releases.find((release) => release.shape === 'microservices' && release.version === alone.version);
  const systemOf = (shape: ShapeName) => result.system.find((row) => row.shape === shape)?.crossUnitContracts ?? 0;
  const lockstep = Math.max(0, ...blocked.map((release) => release.unitsToRelease));
  const schemaMissed = result.checks.filter((check) => check.gate === 'block' && check.schemaOnlyFailingConsumers.length === 0).map((check) => check.version);
  const because =
    `${alone.version} shipped alone in 1 nanoservice unit (1 function) after ${alone.crossUnitContracts} cross-unit contract checks ` +
    `(microservices: ${micro?.crossUnitContracts ?? '?'}, monolith: 0), and the gate blocked ${blocked.length} breaking versions before release; ` +
    `shipping those needs up to ${lockstep} units together, and the whole checkout needs ${systemOf('nanoservices')} cross-unit contracts as nanoservices against ${systemOf('microservices')} as microservices` +
    (schemaMissed.length ? `; schema-only contracts missed ${schemaMissed.join(', ')}` : '');
  if (alone.crossUnitContracts === 0 && lockstep <= 1) return { verdict: 'holds', because };
  return { verdict: 'holds-with-cost', because };
}
