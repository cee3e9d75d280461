import { describe, expect, it } from 'vitest';
import { ServerUnavailableError } from '../infra/server-unavailable.ts';
import { openPostgres } from './postgres.ts';

// A loopback port nothing listens on: the OS refuses at once.
const nobody = 'postgres://postgres@127.0.0.1:1/postgres';

describe('openPostgres', () => {
  it('says which PostgreSQL it uses', async () => {
    const lines: string[] = [];
    const backend = await openPostgres({ log: (line) => lines.push(line) });
    try {
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(backend.kind === 'server' ? /^lab: PostgreSQL: PostgreSQL \d+/ : /embedded stand-in, PGlite/);
      expect(backend.version).toMatch(/PostgreSQL \d+/);
    } finally {
      await backend.close();
    }
  }, 30_000);

  it('falls back to embedded PGlite on a laptop without a server, and says so', async () => {
    const lines: string[] = [];
    const backend = await openPostgres({ env: {}, defaultUrl: nobody, log: (line) => lines.push(line) });
    try {
      expect(backend.kind).toBe('embedded');
      expect(backend.version).toMatch(/^PGlite \d+\.\d+\.\d+ \(PostgreSQL \d+/);
      expect(lines[0]).toMatch(/no server answers at 127\.0\.0\.1:1, so the lab uses its embedded stand-in, PGlite .*published evidence needs the server/);
    } finally {
      await backend.close();
    }
  }, 30_000);

  it('never falls back under CI, naming the command that starts the server', async () => {
    await expect(openPostgres({ env: { CI: 'true' }, defaultUrl: nobody, log: () => {} })).rejects.toThrow(ServerUnavailableError);
    await expect(openPostgres({ env: { CI: 'true' }, defaultUrl: nobody, log: () => {} })).rejects.toThrow(/CI never falls back .*pg_ctlcluster --skip-systemctl-redirect/);
  });

  it('refuses a LAB_POSTGRES_URL that does not answer rather than run elsewhere', async () => {
    await expect(openPostgres({ env: { LAB_POSTGRES_URL: nobody }, log: () => {} })).rejects.toThrow(/LAB_POSTGRES_URL \(postgres:\/\/postgres@127\.0\.0\.1:1\/postgres\) does not answer/);
  });
});
