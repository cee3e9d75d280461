import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { businessModulesParams, contractRunParams, runContracts, type ContractRunEnvironment } from './contract-run.ts';
import { postRaw } from './raw-post.ts';
import { boundaryTable, casesTable, findingFor, releaseTable, type BusinessModulesResult } from './report.ts';

/** Each unit on its own loopback port, raw requests sent over real HTTP. */
const openDoorsOverHttp: ContractRunEnvironment['openDoors'] = async (shape, unitOptions) => {
  const running = await httpTransport.start(shape, unitOptions);
  const portOf = (unit: string) => {
    const endpoint = running.endpoints.find((candidate) => candidate.unit === unit);
    if (!endpoint) throw new Error(`no unit named ${unit} is running`);
    return endpoint.port;
  };
  return { call: running.call, postRaw: (unit, path, body) => postRaw(portOf(unit), path, body), close: running.close };
};

/**
 * micro-business-modules: gives every unit a typed contract (the zod schema of each route's function)
 * and checks that it is really the interface. Every route of every unit, in every shape, gets
 * malformed requests over real HTTP, with and without the contract enforced at the unit's door; the
 * units count the functions they entered. Then, in every shape, the unit holding the cart's
 * applyDiscount releases alone, gated by billing's consumer contract (its schema and the values its
 * tests expect), and each candidate is deployed anyway to see whether the gate was right. The
 * measurement is browser-safe (`contract-run.ts`); this file serves the units over HTTP.
 */
export const experiment = defineExperiment({
  id: 'micro-business-modules',
  title: 'Well-defined interfaces: contracts at every unit door, and a consumer contract gate, in every shape',
  params: businessModulesParams,
  quick: { repeats: 1 },
  tables: (result) => [boundaryTable(result), releaseTable(result), casesTable(result)],
  finding: findingFor,

  // Every shape, mode and malformed request: the schema's defaults. The reference systems are read here, not in the
  // shared run, because the page's own run has no file system.
  run: async (p, onProgress): Promise<BusinessModulesResult> => ({
    ...(await runContracts(contractRunParams.parse(p), { openDoors: openDoorsOverHttp, onProgress })),
    referenceSystems: referenceStructures(),
  }),
});
