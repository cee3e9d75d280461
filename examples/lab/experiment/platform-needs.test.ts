import { describe, expect, it } from 'vitest';
import { PlatformError, platformList, platformName, platformRefusal, platformsMarkdown, refuseUnsupported, type PlatformBound } from './platform-needs.ts';

const linuxOnly: PlatformBound = { id: 'reads-proc', needs: { platforms: ['linux'], because: 'it reads /proc/<pid>/fd, which only Linux has' } };
const posix: PlatformBound = { id: 'sends-sigterm', needs: { platforms: ['linux', 'darwin'], because: 'it needs a SIGTERM handler to run' } };
const anywhere: PlatformBound = { id: 'plain' };

describe('platformRefusal', () => {
  it('lets an experiment run on a platform it names, and one that names none run anywhere', () => {
    expect(platformRefusal(linuxOnly, 'linux')).toBeUndefined();
    expect(platformRefusal(posix, 'darwin')).toBeUndefined();
    expect(platformRefusal(anywhere, 'win32')).toBeUndefined();
  });

  it('refuses it elsewhere, saying what it needs, where it is, and why', () => {
    expect(platformRefusal(linuxOnly, 'darwin')).toBe('reads-proc runs on Linux only, not on macOS (darwin): it reads /proc/<pid>/fd, which only Linux has');
    expect(platformRefusal(posix, 'win32')).toBe('sends-sigterm runs on Linux or macOS, not on Windows (win32): it needs a SIGTERM handler to run');
  });
});

describe('refuseUnsupported', () => {
  it('throws one PlatformError naming every experiment this platform cannot run, before any runs', () => {
    let thrown: unknown;
    try {
      refuseUnsupported([linuxOnly, anywhere, posix], 'win32');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlatformError);
    expect((thrown as PlatformError).refusals).toEqual([platformRefusal(linuxOnly, 'win32'), platformRefusal(posix, 'win32')]);
    expect((thrown as PlatformError).message).toBe(`${platformRefusal(linuxOnly, 'win32')}\n${platformRefusal(posix, 'win32')}`);
  });

  it('returns when every experiment can run here', () => {
    expect(() => refuseUnsupported([linuxOnly, anywhere, posix], 'linux')).not.toThrow();
  });
});

describe('names', () => {
  it('says platforms as a reader would', () => {
    expect(platformName('darwin')).toBe('macOS');
    expect(platformName('haiku')).toBe('haiku');
    expect(platformList({ platforms: ['linux', 'darwin', 'freebsd'], because: '' })).toBe('Linux, macOS or FreeBSD');
  });

  it('lists the experiments that need a platform, sorted, and leaves out the rest', () => {
    expect(platformsMarkdown([posix, anywhere, linuxOnly])).toBe(
      '- `reads-proc`: Linux only; it reads /proc/<pid>/fd, which only Linux has.\n- `sends-sigterm`: Linux or macOS; it needs a SIGTERM handler to run.',
    );
  });
});
