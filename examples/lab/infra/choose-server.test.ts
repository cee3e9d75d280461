import { describe, expect, it } from 'vitest';
import { chooseServer, type ServerRole } from './choose-server.ts';
import { ServerUnavailableError } from './server-unavailable.ts';
import { clearUsedServers, usedServers } from './used-servers.ts';

interface Fake {
  readonly kind: 'server' | 'embedded';
  readonly version: string;
  readonly url: string;
}

/** A role whose server answers only at `answering`. */
const fakeRole = (answering: string | null): ServerRole<Fake> => ({
  role: 'broker',
  name: 'Fake',
  envPrefix: 'LAB_FAKE',
  defaultUrl: 'fake://127.0.0.1:9',
  startCommand: 'start-fake',
  connect: async (url) => {
    if (url !== answering) throw new Error('connection refused');
    return { kind: 'server', version: 'Fake 1.0', url };
  },
  startEmbedded: async () => ({ kind: 'embedded', version: 'embedded fake', url: 'mem://' }),
  addressOf: (server) => server.url,
});

const choose = (answering: string | null, env: NodeJS.ProcessEnv) => {
  const lines: string[] = [];
  return { lines, chosen: chooseServer(fakeRole(answering), { env, log: (line) => lines.push(line) }) };
};

describe('chooseServer', () => {
  it('takes the project’s server when it answers, says so and records it', async () => {
    clearUsedServers();
    const { lines, chosen } = choose('fake://127.0.0.1:9', {});
    expect(await chosen).toMatchObject({ kind: 'server', version: 'Fake 1.0' });
    expect(lines).toEqual(['lab: Fake: Fake 1.0 at fake://127.0.0.1:9']);
    expect(usedServers()).toEqual([{ role: 'broker', kind: 'server', version: 'Fake 1.0' }]);
  });

  it('falls back to the stand-in without a server, and when asked to', async () => {
    const fallback = choose(null, {});
    expect((await fallback.chosen).kind).toBe('embedded');
    expect(fallback.lines[0]).toMatch(/no server answers at 127\.0\.0\.1:9, so the lab uses its embedded stand-in, embedded fake, .*published evidence needs the server/);
    const asked = choose('fake://127.0.0.1:9', { LAB_FAKE: 'embedded' });
    expect((await asked.chosen).kind).toBe('embedded');
    expect(asked.lines[0]).toMatch(/\(LAB_FAKE=embedded\)$/);
  });

  it('never falls back under CI, nor from an address it was given', async () => {
    await expect(choose(null, { CI: 'true' }).chosen).rejects.toThrow(ServerUnavailableError);
    await expect(choose(null, { CI: 'true' }).chosen).rejects.toThrow(/Fake does not answer at 127\.0\.0\.1:9 \(connection refused\); CI never falls back .*Start it with: start-fake/);
    await expect(choose(null, { LAB_FAKE_URL: 'fake://elsewhere:1' }).chosen).rejects.toThrow(/^LAB_FAKE_URL \(fake:\/\/elsewhere:1\) does not answer: connection refused/);
    expect((await choose('fake://elsewhere:1', { LAB_FAKE_URL: 'fake://elsewhere:1' }).chosen).url).toBe('fake://elsewhere:1');
  });
});
