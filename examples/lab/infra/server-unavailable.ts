/**
 * A server the lab was told to use (`LAB_POSTGRES_URL`, `LAB_NATS_URL`), or that CI requires, does
 * not answer. Its message names the server and the command that starts it.
 *
 * @example
 * ```ts
 * throw new ServerUnavailableError('PostgreSQL does not answer at 127.0.0.1:5432 ... Start it with: pg_ctlcluster ...');
 * ```
 */
export class ServerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerUnavailableError';
  }
}
