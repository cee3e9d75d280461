import type { StepName } from '../checkout/steps.ts';

/** The ways of cutting the checkout this claim compares: three cuts, and the distributed monolith (the microservices' cut with a shared, pinned library). */
export type ArchitectureName = 'monolith' | 'distributed monolith' | 'microservices' | 'nanoservices';
/** The message types that flow through the checkout. */
export type SchemaName = 'Cart' | 'ValidatedCart' | 'PricedCart' | 'DiscountedCart' | 'TaxedCart' | 'PaidOrder' | 'Receipt';

/** A package of schemas: a module inside the monolith, a shared DTO library, or one service's published contract. */
export interface SchemaPackage {
  readonly name: string;
  readonly version: string;
  /** The unit that builds and releases it, or null for a library every unit shares. */
  readonly owner: string | null;
  readonly schemas: readonly SchemaName[];
}

/** A unit's dependency on a package: `1.0.0` accepts exactly that version, `^1` accepts any 1.x. */
export interface PackageDependency {
  readonly pkg: string;
  readonly accepts: string;
}

/** A deploy unit with its functions and the packages it was built against. */
export interface UnitNode {
  readonly name: string;
  readonly functions: readonly StepName[];
  readonly dependsOn: readonly PackageDependency[];
}

/** A dependency graph: units, the packages they use, and who owns what. Data, not code. */
export interface Architecture {
  readonly name: ArchitectureName;
  readonly description: string;
  readonly units: readonly UnitNode[];
  readonly packages: readonly SchemaPackage[];
}

/** One change to the checkout: the functions whose code changes and, if any, the schema that changes. */
export interface Change {
  readonly id: 'field-added' | 'function-changed';
  readonly description: string;
  readonly functions: readonly StepName[];
  /** A schema that gains a field: its package gets a minor version (additive, backwards compatible). */
  readonly schema?: SchemaName;
}

const allSchemas: readonly SchemaName[] = ['Cart', 'ValidatedCart', 'PricedCart', 'DiscountedCart', 'TaxedCart', 'PaidOrder', 'Receipt'];

/** Every architecture the claim compares, as dependency graphs. */
export const architectures: readonly Architecture[] = [
  {
    name: 'monolith',
    description: 'one unit; the schemas are a module inside it',
    units: [{ name: 'checkout', functions: ['validateCart', 'priceCart', 'applyDiscount', 'calculateTax', 'chargePayment', 'issueReceipt'], dependsOn: [{ pkg: 'schemas', accepts: '1.0.0' }] }],
    packages: [{ name: 'schemas', version: '1.0.0', owner: 'checkout', schemas: allSchemas }],
  },
  {
    name: 'distributed monolith',
    description: 'three units that share one DTO library, pinned to one version and parsed strictly',
    units: [
      { name: 'cart', functions: ['validateCart', 'priceCart', 'applyDiscount'], dependsOn: [{ pkg: 'shop-dto', accepts: '1.0.0' }] },
      { name: 'billing', functions: ['calculateTax', 'chargePayment'], dependsOn: [{ pkg: 'shop-dto', accepts: '1.0.0' }] },
      { name: 'receipts', functions: ['issueReceipt'], dependsOn: [{ pkg: 'shop-dto', accepts: '1.0.0' }] },
    ],
    packages: [{ name: 'shop-dto', version: '1.0.0', owner: null, schemas: allSchemas }],
  },
  {
    name: 'microservices',
    description: 'three units; each owns a versioned contract, consumers read it tolerantly and accept any 1.x',
    units: [
      { name: 'cart', functions: ['validateCart', 'priceCart', 'applyDiscount'], dependsOn: [] },
      { name: 'billing', functions: ['calculateTax', 'chargePayment'], dependsOn: [{ pkg: 'cart-contract', accepts: '^1' }] },
      { name: 'receipts', functions: ['issueReceipt'], dependsOn: [{ pkg: 'billing-contract', accepts: '^1' }] },
    ],
    packages: [
      { name: 'cart-contract', version: '1.0.0', owner: 'cart', schemas: ['Cart', 'ValidatedCart', 'PricedCart', 'DiscountedCart'] },
      { name: 'billing-contract', version: '1.0.0', owner: 'billing', schemas: ['TaxedCart', 'PaidOrder'] },
      { name: 'receipts-contract', version: '1.0.0', owner: 'receipts', schemas: ['Receipt'] },
    ],
  },
  {
    name: 'nanoservices',
    description: 'six units, one function each; each owns the contract of what it gives, and its consumer accepts any 1.x',
    units: [
      { name: 'validateCart', functions: ['validateCart'], dependsOn: [] },
      { name: 'priceCart', functions: ['priceCart'], dependsOn: [{ pkg: 'validateCart-contract', accepts: '^1' }] },
      { name: 'applyDiscount', functions: ['applyDiscount'], dependsOn: [{ pkg: 'priceCart-contract', accepts: '^1' }] },
      { name: 'calculateTax', functions: ['calculateTax'], dependsOn: [{ pkg: 'applyDiscount-contract', accepts: '^1' }] },
      { name: 'chargePayment', functions: ['chargePayment'], dependsOn: [{ pkg: 'calculateTax-contract', accepts: '^1' }] },
      { name: 'issueReceipt', functions: ['issueReceipt'], dependsOn: [{ pkg: 'chargePayment-contract', accepts: '^1' }] },
    ],
    packages: [
      { name: 'validateCart-contract', version: '1.0.0', owner: 'validateCart', schemas: ['Cart', 'ValidatedCart'] },
      { name: 'priceCart-contract', version: '1.0.0', owner: 'priceCart', schemas: ['PricedCart'] },
      { name: 'applyDiscount-contract', version: '1.0.0', owner: 'applyDiscount', schemas: ['DiscountedCart'] },
      { name: 'calculateTax-contract', version: '1.0.0', owner: 'calculateTax', schemas: ['TaxedCart'] },
      { name: 'chargePayment-contract', version: '1.0.0', owner: 'chargePayment', schemas: ['PaidOrder'] },
      { name: 'issueReceipt-contract', version: '1.0.0', owner: 'issueReceipt', schemas: ['Receipt'] },
    ],
  },
];

/** The two changes: a field added to the priced cart, and a change inside one function. */
export const changes: readonly Change[] = [
  { id: 'field-added', description: 'priceCart adds a currency field to the priced cart', functions: ['priceCart'], schema: 'PricedCart' },
  { id: 'function-changed', description: 'calculateTax rounds tax down instead of to the nearest cent', functions: ['calculateTax'] },
];

/**
 * Whether a version satisfies a dependency range: `1.0.0` only itself, `^1` any 1.x.y.
 *
 * @example
 * ```ts
 * satisfies('1.1.0', '^1'); // true
 * satisfies('1.1.0', '1.0.0'); // false
 * ```
 */
export function satisfies(version: string, range: string): boolean {
  if (range.startsWith('^')) return version.split('.')[0] === range.slice(1);
  return version === range;
}

const bumpMinor = (version: string) => {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${(minor ?? 0) + 1}.0`;
};

/** What one change forces to be rebuilt and redeployed, and why. */
export interface RedeployPlan {
  readonly architecture: ArchitectureName;
  readonly change: Change['id'];
  /** The package that gets a new version, with it, or null when no schema changes. */
  readonly bumped: { readonly pkg: string; readonly to: string } | null;
  readonly units: readonly string[];
  readonly reasons: Readonly<Record<string, string>>;
}

/**
 * Computes the redeploy set from the graph: a unit redeploys if its own code changed, if it owns the
 * package that changed, or if it was built against that package with a range the new version does
 * not satisfy.
 *
 * @example
 * ```ts
 * redeploySet(architectures[1], changes[0]).units; // ['cart', 'billing', 'receipts']
 * redeploySet(architectures[2], changes[0]).units; // ['cart']
 * ```
 */
export function redeploySet(architecture: Architecture, change: Change): RedeployPlan {
  const reasons: Record<string, string> = {};
  const home = change.schema ? architecture.packages.find((pkg) => pkg.schemas.includes(change.schema as SchemaName)) : undefined;
  const bumped = home ? { pkg: home.name, to: bumpMinor(home.version) } : null;
  for (const unit of architecture.units) {
    const changedHere = unit.functions.filter((fn) => change.functions.includes(fn));
    if (changedHere.length > 0) reasons[unit.name] = `its code changed (${changedHere.join(', ')})`;
    else if (home && home.owner === unit.name) reasons[unit.name] = `it releases ${home.name} ${bumped?.to}`;
    else if (bumped) {
      const dependency = unit.dependsOn.find((dep) => dep.pkg === bumped.pkg);
      if (dependency && !satisfies(bumped.to, dependency.accepts)) reasons[unit.name] = `it pins ${bumped.pkg} ${dependency.accepts}, which ${bumped.to} does not satisfy`;
    }
  }
  return { architecture: architecture.name, change: change.id, bumped, units: architecture.units.map((unit) => unit.name).filter((name) => name in reasons), reasons };
}

/**
 * Draws an architecture's dependency graph as a Mermaid flowchart: units as boxes, packages as
 * cylinders, an arrow from each unit to what it was built against, labelled with the range it accepts.
 *
 * @example
 * ```ts
 * dependencyMermaid(architectures[1]); // 'flowchart LR\n  unit_cart["cart\n..."] -->|1.0.0| pkg_shop_dto ...'
 * ```
 */
export function dependencyMermaid(architecture: Architecture): string {
  const id = (name: string) => name.replace(/[^a-zA-Z0-9]/g, '_');
  const lines = ['flowchart LR'];
  for (const pkg of architecture.packages) lines.push(`  pkg_${id(pkg.name)}[("${pkg.name} ${pkg.version}")]`);
  for (const unit of architecture.units) {
    lines.push(`  unit_${id(unit.name)}["${unit.name}: ${unit.functions.join(', ')}"]`);
    for (const dep of unit.dependsOn) lines.push(`  unit_${id(unit.name)} -->|"accepts ${dep.accepts}"| pkg_${id(dep.pkg)}`);
  }
  for (const pkg of architecture.packages) {
    if (pkg.owner) lines.push(`  unit_${id(pkg.owner)} -.->|"releases"| pkg_${id(pkg.name)}`);
  }
  return lines.join('\n');
}
