import { calibrateSpin } from '../lab/measure/busy-work.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { referenceSystems } from '../lab/files/system-files.ts';
import { mapMarkers } from '../lab/report/verdict-map.ts';
import { httpSystemTransport } from '../lab/network/http-system-transport.ts';
import { sweepSizes, sweepSteps, sweepSystems, sweptSystems } from '../lab/system-run/reference-sweep.ts';
import { z } from 'zod';
import { antiPatternParams, measureOverhead } from './overhead-measurement.ts';
import { breakEvenTable, findingFor, overheadTable, type AntiPatternResult } from './report.ts';

/** CPU time of this whole process (user + system), in µs: the client and every unit of the memory and http transports. */
const processCpuTimeUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * nano-anti-pattern: is a nanoservice's overhead bigger than its utility? Every checkout function
 * is given the same deterministic CPU work W (a calibrated loop), or the same wait (a timer, as an I/O
 * call waits); the nanoservice chain and the monolith run the same functions with the same work, side
 * by side, for each chain length and W, in five independent runs. Their difference, fitted over the
 * extra units, is the per-hop overhead; where it equals the work of one call is the break-even, drawn
 * on a verdict map with the reference systems' and published work per call marked. The measurement
 * itself is browser-safe
 * (`overhead-measurement.ts`); this file gives it the Node transports and the process's CPU clock.
 */
export const experiment = defineExperiment({
  id: 'nano-anti-pattern',
  title: 'The nanoservice anti-pattern: where overhead outweighs the work',
  params: antiPatternParams.extend({
    /** Also measure the cuts of the reference systems (checkout, Online Boutique, the Alibaba-like tree) side by side over HTTP, each at its own work per call. */
    onReferenceSystems: z.boolean().default(true),
  }),
  quick: { transports: ['http'], chainLengths: [1, 3], workUs: [0, 3000], waitUs: [3000], iterations: 20, minIterations: 5, secondsPerCell: 0.05, rounds: 2, onReferenceSystems: false },
  tables: (result) => [breakEvenTable(result), overheadTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<AntiPatternResult> {
    const measured = await measureOverhead(p, {
      transports: { http: httpTransport, memory: memoryTransport },
      calibrateSpin: () => calibrateSpin(),
      cpuTimeUs: processCpuTimeUs,
      workMarkers: () => mapMarkers('workPerCallUs', referenceSystems()),
      onProgress,
    });
    if (!p.onReferenceSystems) return measured;
    // Latency only: what a finer cut costs a request on systems shaped like real ones, each at the
    // work per call its file gives. Faults are nano-clustered-app's question.
    const systems = sweptSystems();
    const cuts = ['monolith', 'microservices', 'nanoservices'];
    const total = sweepSteps(systems.length, cuts.length, 0);
    let done = 0;
    const sweep = await sweepSystems(systems, { cuts, transport: httpSystemTransport, faultModels: [], sizes: sweepSizes, seed: 1, onProgress: (label) => onProgress?.({ done: ++done, total, label }) });
    return { ...measured, systems: sweep };
  },
});
