/**
 * What an experiment needs of the operating system. Most experiments use only what Node offers
 * everywhere; a few read Linux's /proc or rely on POSIX signals and process groups, and say so, so
 * that the CLI refuses them at once elsewhere instead of failing midway with a stack trace.
 * Browser-safe: the platform is passed in, never read here.
 */

/** A value of Node's `process.platform`. */
export type Platform = 'aix' | 'android' | 'cygwin' | 'darwin' | 'freebsd' | 'haiku' | 'linux' | 'netbsd' | 'openbsd' | 'sunos' | 'win32';

/** The platforms an experiment runs on, and why no others, in words a reader of the refusal understands. */
export interface PlatformNeed {
  readonly platforms: readonly Platform[];
  /** What it uses that the other platforms lack, as a clause: "it reads `/proc/<pid>/fd`, which only Linux has". */
  readonly because: string;
}

/** An experiment as far as its platform is concerned. */
export interface PlatformBound {
  readonly id: string;
  readonly needs?: PlatformNeed;
}

const platformNames: Readonly<Partial<Record<string, string>>> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows', freebsd: 'FreeBSD', openbsd: 'OpenBSD', aix: 'AIX', sunos: 'SunOS' };

/**
 * The readable name of a `process.platform` value.
 *
 * @example
 * ```ts
 * platformName('darwin'); // 'macOS'
 * platformName('haiku'); // 'haiku'
 * ```
 */
export function platformName(platform: string): string {
  return platformNames[platform] ?? platform;
}

/**
 * The platforms of a need, as a reader would say them: "Linux only", "Linux or macOS".
 *
 * @example
 * ```ts
 * platformList({ platforms: ['linux'], because: '...' }); // 'Linux only'
 * platformList({ platforms: ['linux', 'darwin'], because: '...' }); // 'Linux or macOS'
 * ```
 */
export function platformList(need: PlatformNeed): string {
  const names = need.platforms.map(platformName);
  return names.length === 1 ? `${names[0]} only` : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * Why an experiment cannot run on `platform` (pass `process.platform`), or undefined when it can.
 *
 * @example
 * ```ts
 * const experiment = { id: 'nano-easy-deploy', needs: { platforms: ['linux'], because: 'it reads /proc' } } as const;
 * platformRefusal(experiment, 'darwin'); // 'nano-easy-deploy runs on Linux only, not on macOS (darwin): it reads /proc'
 * platformRefusal(experiment, 'linux'); // undefined
 * ```
 */
export function platformRefusal(experiment: PlatformBound, platform: string): string | undefined {
  const need = experiment.needs;
  if (!need || need.platforms.some((candidate) => candidate === platform)) return undefined;
  return `${experiment.id} runs on ${platformList(need)}, not on ${platformName(platform)} (${platform}): ${need.because}`;
}

/** Thrown before anything runs when an experiment cannot run on this platform; the CLI exits 2 with its message. */
export class PlatformError extends Error {
  constructor(readonly refusals: readonly string[]) {
    super(refusals.join('\n'));
    this.name = 'PlatformError';
  }
}

/**
 * Throws a {@link PlatformError} naming every experiment of `experiments` that cannot run on
 * `platform` (pass `process.platform`), before any of them starts.
 *
 * @example
 * ```ts
 * refuseUnsupported([await loadExperiment('nano-easy-deploy')], process.platform); // throws on macOS
 * ```
 */
export function refuseUnsupported(experiments: readonly PlatformBound[], platform: string): void {
  const refusals = experiments.flatMap((experiment) => platformRefusal(experiment, platform) ?? []);
  if (refusals.length) throw new PlatformError(refusals);
}

/**
 * README's list of the experiments that do not run everywhere, one Markdown line each, sorted by id:
 * the "Platforms" section holds exactly these lines, and a test keeps the two equal.
 *
 * @example
 * ```ts
 * platformsMarkdown([{ id: 'nano-easy-deploy', needs: { platforms: ['linux'], because: 'it reads /proc' } }, { id: 'nano-chaining' }]);
 * // '- `nano-easy-deploy`: Linux only; it reads /proc.'
 * ```
 */
export function platformsMarkdown(experiments: readonly PlatformBound[]): string {
  return experiments
    .flatMap(({ id, needs }) => (needs ? [{ id, needs }] : []))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(({ id, needs }) => `- \`${id}\`: ${platformList(needs)}; ${needs.because}.`)
    .join('\n');
}
