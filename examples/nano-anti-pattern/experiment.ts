import { calibrateSpin } from '../lab/measure/busy-work.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { antiPatternParams, measureOverhead } from './overhead-measurement.ts';
import { antiPatternVerdict, breakEvenTable, overheadTable, type AntiPatternResult } from './report.ts';

/** CPU time of this whole process (user + system), in µs: the client and every unit of the memory and http transports. */
const processCpuTimeUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * nano-anti-pattern: is a nanoservice's overhead bigger than its utility? Every checkout function
 * is given the same deterministic CPU work W (a calibrated loop, not a sleep); the nanoservice chain
 * and the monolith run the same functions with the same work, side by side, for each chain length
 * and W. Their difference is what the split costs; divided by the extra units it is the per-hop
 * overhead, and where it equals W is the break-even. The measurement itself is browser-safe
 * (`overhead-measurement.ts`); this file gives it the Node transports and the process's CPU clock.
 */
export const experiment = defineExperiment({
  id: 'nano-anti-pattern',
  title: 'The nanoservice anti-pattern: where overhead outweighs the work',
  params: antiPatternParams,
  quick: { transports: ['http'], chainLengths: [1, 3], workUs: [0, 5000], iterations: 60, minIterations: 15, secondsPerCell: 0.4, rounds: 3 },
  tables: (result) => [breakEvenTable(result), overheadTable(result)],
  verdict: antiPatternVerdict,

  run: (p, onProgress): Promise<AntiPatternResult> =>
    measureOverhead(p, { transports: { http: httpTransport, memory: memoryTransport }, calibrateSpin: () => calibrateSpin(), cpuTimeUs: processCpuTimeUs, onProgress }),
});
