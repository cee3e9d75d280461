import { describe, expect, it } from 'vitest';
import type { RunningSystem } from '../runtime/running-system.ts';
import { fanOutCommand, formatFanOutReport, parseFanOutArgs } from './fan-out-command.ts';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (text: string) => (out.stdout += text), stderr: (text: string) => (out.stderr += text), deployments: new Set<RunningSystem>() } };
}

describe('npm run lab -- fan-out', () => {
  it('takes Meta’s median and p90 fan-out and Alibaba’s median call as defaults', () => {
    expect(parseFanOutArgs([])).toEqual({ transport: 'http', fanOuts: [4, 13], leafWaitUs: 1000, quick: false, json: false });
    expect(parseFanOutArgs(['--transport', 'memory', '--fan-outs', '2,100', '--leaf-wait-us', '0', '--quick', '--json'])).toEqual({ transport: 'memory', fanOuts: [2, 100], leafWaitUs: 0, quick: true, json: true });
  });

  it.each([
    [['--fan-outs', '1'], /--fan-outs is a comma-separated list of different whole numbers from 2 to 100, got "1"/],
    [['--fan-outs', '4,4'], /different whole numbers/],
    [['--fan-outs', '4,x'], /got "4,x"/],
    [['--leaf-wait-us=-5'], /--leaf-wait-us is a whole number of microseconds from 0 to 100000, got "-5"/],
    [['--leaf-wait-us', '200000'], /got "200000"/],
    [['--transport', 'udp'], /--transport is memory, http, process, got "udp"/],
    [['--transport', 'process', '--fan-outs', '50,100'], /needs 312 unit processes on the process transport, more than 96: use --transport http/],
    [['--cuts', 'monolith'], /unknown option --cuts\. Options: --transport, --fan-outs, --leaf-wait-us, --quick, --json, --help/],
    [['--transport', 'udp', '--transport', 'http'], /--transport is given twice \(first "udp"\)/],
    [['--help', '--json'], /--help prints the usage as text, not JSON: leave out --json/],
    [['--quick=maybe'], /--quick takes no value/],
  ])('exits 2 on %j, naming what to fix, and deploys nothing', async (argv, message) => {
    const { out, io } = capture();
    expect(await fanOutCommand(argv, io)).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).toMatch(/usage: npm run lab -- fan-out/);
    expect(out.stdout).toBe('');
    expect(io.deployments.size).toBe(0);
  });

  it('prints its usage on --help', async () => {
    const { out, io } = capture();
    expect(await fanOutCommand(['--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/--leaf-wait-us/);
  });

  it('formats a report with one row per system and what one hop costs against the raw round trip', () => {
    const summary = { iterations: 10, p50Us: 80, p90Us: 90, p99Us: 99, meanUs: 85, maxUs: 120 };
    const text = formatFanOutReport({
      transport: 'http',
      leafWaitUs: 1000,
      sizes: { warmup: 1, iterations: 10, rounds: 2, maxSeconds: 1 },
      rawRoundTrip: summary,
      hopUs: 100,
      hopToRaw: 1.25,
      rows: [
        { mode: 'one call', fanOut: 1, monolithP50Us: 1200, nanoservicesP50Us: 1300, addedUs: 100, addedInHops: 1, latencyToOneCall: 1 },
        { mode: 'parallel', fanOut: 4, monolithP50Us: 1210, nanoservicesP50Us: 1500, addedUs: 290, addedInHops: 2.9, latencyToOneCall: 1.15 },
      ],
    });
    expect(text).toMatch(/^one call\s+1200\s+1300\s+100\s+1\s+1$/m);
    expect(text).toMatch(/^4 parallel\s+1210\s+1500\s+290\s+2\.9\s+1\.15$/m);
    expect(text).toMatch(/one hop: 100 µs at the median, 1\.25× a plain node:http round trip \(80 µs\)/);
  });
});
