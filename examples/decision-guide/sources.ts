// The published sources the decision guide leans on besides the lab's evidence. Those a claim already
// cites are taken from the claims registry, so that a title or an address is written once; the others
// (the people side, which no claim covers) are written here.
import { claims, type Citation } from '../claims/registry.ts';

/**
 * A citation of the claims registry, found by its address. Throws, naming the address, when no claim
 * cites it any more: the guide must then carry the source itself.
 *
 * @example
 * ```ts
 * registryCitation('https://martinfowler.com/bliki/MonolithFirst.html').author; // 'Martin Fowler'
 * ```
 */
export function registryCitation(url: string): Citation {
  const found = claims.flatMap((claim) => claim.citations).find((citation) => citation.url === url);
  if (!found) throw new Error(`no claim in examples/claims/registry.ts cites ${url}: add the source to examples/decision-guide/sources.ts instead`);
  return found;
}

/** Every source the guide cites, by the name its rules use. */
export const sources = {
  // The people side: why teams, not functions, decide how many deploy units a system needs.
  conway: { title: 'How Do Committees Invent? (Datamation 14(4))', author: 'Melvin E. Conway', year: 1968, url: 'https://www.melconway.com/Home/Committees_Paper.html' },
  teamTopologies: {
    title: 'Team Topologies: Organizing Business and Technology Teams for Fast Flow',
    author: 'Matthew Skelton and Manuel Pais',
    year: 2019,
    url: 'https://teamtopologies.com/book',
  },
  microservicePrerequisites: { title: 'MicroservicePrerequisites', author: 'Martin Fowler', year: 2014, url: 'https://martinfowler.com/bliki/MicroservicePrerequisites.html' },
  // Start coarse-grained.
  monolithFirst: registryCitation('https://martinfowler.com/bliki/MonolithFirst.html'),
  microservicePremium: registryCitation('https://martinfowler.com/bliki/MicroservicePremium.html'),
  azureBoundaries: {
    title: 'Identify microservice boundaries (Azure Architecture Center)',
    author: 'Microsoft',
    year: 2024,
    url: 'https://learn.microsoft.com/en-us/azure/architecture/microservices/model/microservice-boundaries',
  },
  // What a hop costs in a real deployment.
  ghemawat: registryCitation('https://doi.org/10.1145/3593856.3595909'),
  seemakhupt: {
    title: 'A Cloud-Scale Characterization of Remote Procedure Calls (SOSP 2023)',
    author: 'Korakit Seemakhupt et al.',
    year: 2023,
    url: 'https://doi.org/10.1145/3600006.3613156',
  },
  tailAtScale: { title: 'The Tail at Scale (Communications of the ACM 56(2))', author: 'Jeffrey Dean and Luiz André Barroso', year: 2013, url: 'https://doi.org/10.1145/2408776.2408794' },
  // Availability over a chain of dependencies.
  treynor: registryCitation('https://queue.acm.org/detail.cfm?id=3096459'),
  lambdaSla: { title: 'AWS Lambda Service Level Agreement', author: 'Amazon Web Services', year: 2024, url: 'https://aws.amazon.com/lambda/sla/' },
  // Asynchronous calls and their price.
  outbox: registryCitation('https://microservices.io/patterns/data/transactional-outbox.html'),
  // Functions, idleness and cold starts.
  shahrad: registryCitation('https://www.microsoft.com/en-us/research/publication/serverless-in-the-wild-characterizing-and-optimizing-the-serverless-workload-at-a-large-cloud-provider/'),
  lambdaColdStarts: registryCitation('https://docs.aws.amazon.com/lambda/latest/operatorguide/execution-environments.html'),
  lambdaCallingLambda: registryCitation('https://docs.aws.amazon.com/lambda/latest/operatorguide/functions-calling-functions.html'),
} as const satisfies Record<string, Citation>;

/** The name of one of the guide's sources. */
export type SourceName = keyof typeof sources;
