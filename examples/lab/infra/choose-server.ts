/**
 * How the lab picks each server it needs (PostgreSQL, the broker), one policy for both: the address
 * in `<PREFIX>_URL` when set (it must answer); the project's server when it answers; otherwise an
 * embedded stand-in, unless `CI=true`, where a server that does not answer is an error naming the
 * command that starts it. `<PREFIX>=embedded` asks for the stand-in even when a server answers.
 * Whatever it picks, it says so and records it for the evidence stamp.
 */
import { ServerUnavailableError } from './server-unavailable.ts';
import { recordServer, type UsedServer } from './used-servers.ts';

/** What a server of one role must say of itself. */
export interface ChosenServer {
  readonly kind: UsedServer['kind'];
  readonly version: string;
}

/** One role's server: how to reach it, how to stand in for it, and what to call it. */
export interface ServerRole<S extends ChosenServer> {
  readonly role: UsedServer['role'];
  /** The server as a reader names it: `PostgreSQL`, `NATS with JetStream`. */
  readonly name: string;
  /** The environment prefix: `LAB_POSTGRES` (so `LAB_POSTGRES_URL` and `LAB_POSTGRES=embedded`). */
  readonly envPrefix: string;
  readonly defaultUrl: string;
  /** The command that starts the project's server (shared/services.md). */
  readonly startCommand: string;
  /** Connects to the server at `url`, or rejects when none answers there. */
  connect(url: string): Promise<S>;
  startEmbedded(): Promise<S>;
  /** Where a server is, for the log line (no credentials). */
  addressOf(server: S): string;
}

/** The options of `openPostgres` and `openBroker`. */
export interface ChooseOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Told which server is used (stderr by default). */
  readonly log?: (line: string) => void;
  /** Replaces the project's address (for tests). */
  readonly defaultUrl?: string;
}

/** `127.0.0.1:5432` from `postgres://postgres@127.0.0.1:5432/postgres`. */
const hostOf = (url: string) => new URL(url).host;

/**
 * The server of `role` the lab uses, chosen and recorded as this module says.
 *
 * @example
 * ```ts
 * const backend = await chooseServer(postgresRole, { log: () => {} });
 * ```
 */
export async function chooseServer<S extends ChosenServer>(role: ServerRole<S>, options: ChooseOptions = {}): Promise<S> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const urlVariable = `${role.envPrefix}_URL`;
  const chosen = async (): Promise<S> => {
    if (env[role.envPrefix] === 'embedded') {
      const embedded = await role.startEmbedded();
      log(`lab: ${role.name}: ${embedded.version} at ${role.addressOf(embedded)} (${role.envPrefix}=embedded)`);
      return embedded;
    }
    const fallbackUrl = options.defaultUrl ?? role.defaultUrl;
    const url = env[urlVariable] || fallbackUrl;
    let reason: string;
    try {
      const server = await role.connect(url);
      log(`lab: ${role.name}: ${server.version} at ${role.addressOf(server)}`);
      return server;
    } catch (error) {
      reason = (error as Error).message;
    }
    if (env[urlVariable]) throw new ServerUnavailableError(`${urlVariable} (${env[urlVariable]}) does not answer: ${reason}. Start that server, or unset ${urlVariable}.`);
    if (env.CI === 'true') throw new ServerUnavailableError(`${role.name} does not answer at ${hostOf(fallbackUrl)} (${reason}); CI never falls back to an embedded stand-in. Start it with: ${role.startCommand}`);
    const embedded = await role.startEmbedded();
    log(`lab: ${role.name}: no server answers at ${hostOf(fallbackUrl)}, so the lab uses its embedded stand-in, ${embedded.version}, at ${role.addressOf(embedded)}; published evidence needs the server`);
    return embedded;
  };
  const server = await chosen();
  recordServer({ role: role.role, kind: server.kind, version: server.version });
  return server;
}
