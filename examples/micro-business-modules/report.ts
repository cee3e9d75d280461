import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** How a unit treats what arrives at its door. */
export type BoundaryMode = 'functions validate' | 'contract at boundary';

/** One shape in one mode: its interfaces, and what its units did with malformed and valid requests. */
export interface BoundaryRow {
  readonly shape: ShapeName;
  readonly mode: BoundaryMode;
  readonly units: number;
  /** Routes a client on the network can call: every function of every unit. */
  readonly routes: number;
  /** Hand-overs from one unit to another inside one checkout: contracts between units. */
  readonly crossUnitContracts: number;
  readonly malformedSent: number;
  readonly refused4xx: number;
  readonly answered5xx: number;
  readonly answered2xx: number;
  /** Checkout functions called while the malformed requests were handled. */
  readonly functionsEntered: number;
  /** Business bodies that ran on malformed input (a function runs its body only on valid input). */
  readonly bodiesRun: number;
  readonly validSent: number;
  readonly validAnswered2xx: number;
}

/** How one kind of malformed request was answered in one mode, over every route of every shape. */
export interface CaseRow {
  readonly mode: BoundaryMode;
  readonly malformation: string;
  readonly sent: number;
  readonly refused4xx: number;
  readonly answered5xx: number;
  readonly answered2xx: number;
}

/** One candidate release of the cart service: what the consumer contract test said, and what deploying it did. */
export interface ReleaseRow {
  readonly version: string;
  readonly change: string;
  readonly contractChecks: number;
  readonly failingConsumers: readonly string[];
  readonly gate: 'ship' | 'block';
  readonly unitsRedeployed: number;
  readonly checkoutsSent: number;
  readonly checkoutsCorrect: number;
  readonly broken: boolean;
  readonly gateAgrees: boolean;
}

/** The whole result of a micro-business-modules run: plain JSON. */
export interface BusinessModulesResult {
  readonly repeats: number;
  readonly boundary: readonly BoundaryRow[];
  readonly cases: readonly CaseRow[];
  readonly releases: readonly ReleaseRow[];
}

/**
 * Interfaces per shape and what each unit did with malformed requests.
 *
 * @example
 * ```ts
 * boundaryTable(result).rows.length; // 6: three shapes, two modes
 * ```
 */
export function boundaryTable(result: BusinessModulesResult): ResultTable {
  return {
    title: 'Interfaces per shape, and malformed requests at every unit door',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'mode', label: 'validation' },
      { key: 'units', label: 'units' },
      { key: 'routes', label: 'routes' },
      { key: 'crossUnitContracts', label: 'contracts between units' },
      { key: 'malformedSent', label: 'malformed sent' },
      { key: 'refused4xx', label: 'refused 4xx' },
      { key: 'answered5xx', label: 'answered 5xx' },
      { key: 'functionsEntered', label: 'functions entered' },
      { key: 'bodiesRun', label: 'bodies run' },
      { key: 'validAnswered2xx', label: 'valid requests answered 2xx' },
    ],
    rows: result.boundary.map((row) => ({ ...row, validAnswered2xx: `${row.validAnswered2xx} of ${row.validSent}` })),
  };
}

/**
 * How each kind of malformed request was answered.
 *
 * @example
 * ```ts
 * casesTable(result).rows[0]; // { mode: 'functions validate', malformation: 'not JSON', sent: 18, refused4xx: 0, ... }
 * ```
 */
export function casesTable(result: BusinessModulesResult): ResultTable {
  return {
    title: 'Each kind of malformed request, over every route of every shape',
    columns: [
      { key: 'mode', label: 'validation' },
      { key: 'malformation', label: 'malformed request' },
      { key: 'sent', label: 'sent' },
      { key: 'refused4xx', label: 'refused 4xx' },
      { key: 'answered5xx', label: 'answered 5xx' },
      { key: 'answered2xx', label: 'answered 2xx' },
    ],
    rows: result.cases.map((row) => ({ ...row })),
  };
}

/**
 * The cart service's candidate releases: the consumer contract gate next to what deploying them did.
 *
 * @example
 * ```ts
 * releaseTable(result).rows.map((r) => r.gate); // ['ship', 'ship', 'block']
 * ```
 */
export function releaseTable(result: BusinessModulesResult): ResultTable {
  return {
    title: 'Releasing the cart service alone: the consumer contract test, then the real deployment',
    columns: [
      { key: 'version', label: 'cart release' },
      { key: 'change', label: 'change' },
      { key: 'contractChecks', label: 'contract checks' },
      { key: 'failingConsumers', label: 'consumers it breaks' },
      { key: 'gate', label: 'gate' },
      { key: 'checkoutsCorrect', label: 'checkouts correct after deploying it' },
      { key: 'gateAgrees', label: 'gate was right' },
    ],
    rows: result.releases.map((row) => ({
      version: row.version,
      change: row.change,
      contractChecks: row.contractChecks,
      failingConsumers: row.failingConsumers.join(', ') || '—',
      gate: row.gate,
      checkoutsCorrect: `${row.checkoutsCorrect} of ${row.checkoutsSent}`,
      gateAgrees: row.gateAgrees ? 'yes' : 'no',
    })),
  };
}

/**
 * The verdict the figures support. The interface is well-defined if, with contracts enforced, every
 * unit refuses every malformed request with 4xx before any function runs and answers every valid one,
 * and the consumer contract test blocks exactly the releases that break a consumer. If the same units
 * without a boundary contract answer some malformed request with 5xx, it holds only on that condition.
 *
 * @example
 * ```ts
 * businessModulesVerdict(result); // { verdict: 'conditional', because: '...' }
 * ```
 */
export function businessModulesVerdict(result: BusinessModulesResult): { verdict: Verdict; because: string } {
  const enforced = result.boundary.filter((row) => row.mode === 'contract at boundary');
  const loose = result.boundary.filter((row) => row.mode === 'functions validate');
  const sum = (rows: readonly BoundaryRow[], key: keyof BoundaryRow) => rows.reduce((total, row) => total + Number(row[key]), 0);
  const leaky = enforced.find((row) => row.refused4xx < row.malformedSent || row.functionsEntered > 0 || row.validAnswered2xx < row.validSent);
  if (enforced.length === 0 || leaky) {
    return { verdict: 'does-not-hold', because: `even with contracts at the boundary, ${leaky?.shape ?? 'no'} shape refused every malformed request before any function ran and answered every valid one` };
  }
  const wrongGate = result.releases.find((row) => !row.gateAgrees);
  if (wrongGate || !result.releases.some((row) => row.broken)) {
    return { verdict: 'does-not-hold', because: `the consumer contract test did not tell a breaking cart release from a safe one (${wrongGate?.version ?? 'no breaking release was tried'})` };
  }
  const micro = enforced.find((row) => row.shape === 'microservices');
  const blocked = result.releases.filter((row) => row.gate === 'block').map((row) => row.version);
  const cost = `${micro?.crossUnitContracts ?? '?'} contracts between microservice units to keep (the monolith has ${enforced.find((row) => row.shape === 'monolith')?.crossUnitContracts ?? '?'})`;
  const loose5xx = sum(loose, 'answered5xx');
  if (loose5xx > 0) {
    return {
      verdict: 'conditional',
      because: `with a contract enforced at each unit's door, ${sum(enforced, 'refused4xx')} of ${sum(enforced, 'malformedSent')} malformed requests were refused with 4xx and ${sum(enforced, 'functionsEntered')} functions ran, and the consumer contract test blocked ${blocked.join(', ')} before release; the same units without it answered ${loose5xx} of ${sum(loose, 'malformedSent')} with 5xx. The interface is well-defined when the team defines and enforces it, at the price of ${cost}`,
    };
  }
  return {
    verdict: 'holds-with-cost',
    because: `every unit refused every malformed request with 4xx before its functions ran, and the consumer contract test blocked ${blocked.join(', ')} before release; the price is ${cost}`,
  };
}
