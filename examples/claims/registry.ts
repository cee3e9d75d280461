import type { Verdict } from '../lab/experiment/verdict.ts';
import { comparisonFiles } from './comparisons/index.ts';

/** A source a verdict leans on. Cite what the source says, in our own words. */
export interface Citation {
  readonly title: string;
  readonly author: string;
  readonly year: number;
  /** A well-formed https:// URL. */
  readonly url: string;
}

/**
 * One statement of the seed article (or of a comparison added with the scaffolder), and what the site
 * found. A plain type, so that pages reading the registry do not ship a validator: the claims check
 * validates every entry against `ClaimSchema` (claim-schema.ts) before the site is built.
 */
export interface Claim {
  /** Kebab-case words, the first naming the architecture or comparison, e.g. nano-chaining. */
  readonly id: string;
  /** The architecture the claim is about, or the comparison's slug for claims added with the scaffolder. */
  readonly architecture: string;
  /** The article's own words, quoted briefly. */
  readonly articleSays: string;
  readonly verdict: Verdict;
  /** The doc page with the claim's section, relative to `docs/`, without extension. The section's anchor is the claim id. */
  readonly page: string;
  readonly citations: readonly Citation[];
}

const cite = {
  rotemGalOz: { title: 'SOA Anti-pattern: Nanoservices', author: 'Arnon Rotem-Gal-Oz', year: 2010, url: 'https://dzone.com/articles/soa-anti-pattern-nanoservices' },
  fowlerTradeOffs: { title: 'Microservice Trade-Offs', author: 'Martin Fowler', year: 2015, url: 'https://martinfowler.com/articles/microservice-trade-offs.html' },
  fowlerLewis: { title: 'Microservices', author: 'James Lewis and Martin Fowler', year: 2014, url: 'https://martinfowler.com/articles/microservices.html' },
  lambdaCallingLambda: { title: 'Anti-patterns in Lambda-based applications: Lambda functions calling Lambda functions', author: 'Amazon Web Services', year: 2023, url: 'https://docs.aws.amazon.com/lambda/latest/operatorguide/functions-calling-functions.html' },
  kanev: { title: 'Profiling a Warehouse-Scale Computer (ISCA 2015)', author: 'Svilen Kanev et al.', year: 2015, url: 'https://doi.org/10.1145/2749469.2750392' },
  shahrad: { title: 'Serverless in the Wild: Characterizing and Optimizing the Serverless Workload at a Large Cloud Provider (USENIX ATC 2020)', author: 'Mohammad Shahrad et al.', year: 2020, url: 'https://www.microsoft.com/en-us/research/publication/serverless-in-the-wild-characterizing-and-optimizing-the-serverless-workload-at-a-large-cloud-provider/' },
  robinson: { title: 'Consumer-Driven Contracts: A Service Evolution Pattern', author: 'Ian Robinson', year: 2006, url: 'https://martinfowler.com/articles/consumerDrivenContracts.html' },
  wolffTalk: { title: 'Nanoservices and Microservices with Java (talk)', author: 'Eberhard Wolff', year: 2016, url: 'https://speakerdeck.com/ewolff/nanoservices-and-microservices-with-java' },
  wolffBook: { title: 'Microservices: Flexible Software Architecture', author: 'Eberhard Wolff', year: 2016, url: 'https://leanpub.com/microservices-book' },
  awsLambdaIamRole: { title: 'Serverless Architectures with AWS Lambda: IAM role', author: 'Amazon Web Services', year: 2017, url: 'https://docs.aws.amazon.com/whitepapers/latest/serverless-architectures-lambda/iam-role.html' },
  richardsonAccessToken: { title: 'Pattern: Access token', author: 'Chris Richardson', year: 2018, url: 'https://microservices.io/patterns/security/access-token.html' },
  fowlerBlueGreen: { title: 'BlueGreenDeployment', author: 'Martin Fowler', year: 2010, url: 'https://martinfowler.com/bliki/BlueGreenDeployment.html' },
  lambdaLayers: { title: 'Managing Lambda dependencies with layers', author: 'Amazon Web Services', year: 2024, url: 'https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html' },
  lambdaExecutionEnvironments: { title: 'Lambda execution environments (AWS Lambda Operator Guide)', author: 'Amazon Web Services', year: 2023, url: 'https://docs.aws.amazon.com/lambda/latest/operatorguide/execution-environments.html' },
  treynor: { title: 'The Calculus of Service Availability (ACM Queue)', author: 'Ben Treynor, Mike Dahlin, Vivek Rau and Betsy Beyer', year: 2017, url: 'https://queue.acm.org/detail.cfm?id=3096459' },
  awsReliability: { title: 'Reliability Pillar: AWS Well-Architected Framework', author: 'Amazon Web Services', year: 2024, url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/welcome.html' },
  fowlerTolerantReader: { title: 'TolerantReader', author: 'Martin Fowler', year: 2011, url: 'https://martinfowler.com/bliki/TolerantReader.html' },
  fowlerSoaAmbiguity: { title: 'Service Oriented Ambiguity', author: 'Martin Fowler', year: 2005, url: 'https://martinfowler.com/bliki/ServiceOrientedAmbiguity.html' },
  zimmermann: { title: 'Microservices tenets: Agile approach to service development and deployment (Computer Science - Research and Development 32)', author: 'Olaf Zimmermann', year: 2017, url: 'https://doi.org/10.1007/s00450-016-0337-0' },
  dragoni: { title: 'Microservices: Yesterday, Today, and Tomorrow', author: 'Nicola Dragoni et al.', year: 2017, url: 'https://doi.org/10.1007/978-3-319-67425-4_12' },
  twelveFactorDisposability: { title: 'The Twelve-Factor App: IX. Disposability', author: 'Adam Wiggins', year: 2011, url: 'https://12factor.net/disposability' },
  k8sProbes: { title: 'Liveness, Readiness, and Startup Probes', author: 'The Kubernetes Authors', year: 2024, url: 'https://kubernetes.io/docs/concepts/workloads/pods/probes/' },
  k8sRollingUpdate: { title: 'Update a Deployment Without Downtime', author: 'The Kubernetes Authors', year: 2024, url: 'https://kubernetes.io/docs/tasks/run-application/update-deployment-rolling/' },
  k8sDeployments: { title: 'Deployments', author: 'The Kubernetes Authors', year: 2024, url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/' },
  fowlerPremium: { title: 'MicroservicePremium', author: 'Martin Fowler', year: 2015, url: 'https://martinfowler.com/bliki/MicroservicePremium.html' },
  fowlerMonolithFirst: { title: 'MonolithFirst', author: 'Martin Fowler', year: 2015, url: 'https://martinfowler.com/bliki/MonolithFirst.html' },
  accelerate: { title: 'Accelerate: The Science of Lean Software and DevOps', author: 'Nicole Forsgren, Jez Humble and Gene Kim', year: 2018, url: 'https://itrevolution.com/product/accelerate/' },
  richardsonDbPerService: { title: 'Pattern: Database per service', author: 'Chris Richardson', year: 2018, url: 'https://microservices.io/patterns/data/database-per-service.html' },
  richardsonOutbox: { title: 'Pattern: Transactional outbox', author: 'Chris Richardson', year: 2018, url: 'https://microservices.io/patterns/data/transactional-outbox.html' },
  awsFaultIsolation: { title: 'REL10: Use fault isolation to protect your workload (Reliability Pillar)', author: 'Amazon Web Services', year: 2024, url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/use-fault-isolation-to-protect-your-workload.html' },
  awsLimitRetries: { title: 'REL05-BP03 Control and limit retry calls (Reliability Pillar)', author: 'Amazon Web Services', year: 2023, url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_mitigate_interaction_failure_limit_retries.html' },
  fowlerCircuitBreaker: { title: 'CircuitBreaker', author: 'Martin Fowler', year: 2014, url: 'https://martinfowler.com/bliki/CircuitBreaker.html' },
  richardsonAcl: { title: 'Pattern: Anti-corruption layer', author: 'Chris Richardson', year: 2019, url: 'https://microservices.io/patterns/refactoring/anti-corruption-layer.html' },
  azureAcl: { title: 'Anti-corruption Layer pattern (Azure Architecture Center)', author: 'Microsoft', year: 2024, url: 'https://learn.microsoft.com/en-us/azure/architecture/patterns/anti-corruption-layer' },
  ghemawat: { title: 'Towards Modern Development of Cloud Applications (HotOS 2023)', author: 'Sanjay Ghemawat et al.', year: 2023, url: 'https://doi.org/10.1145/3593856.3595909' },
  conway: { title: 'How Do Committees Invent? (Datamation)', author: 'Melvin E. Conway', year: 1968, url: 'https://www.melconway.com/Home/Committees_Paper.html' },
  teamTopologies: { title: 'Team Topologies: Organizing Business and Technology Teams for Fast Flow', author: 'Matthew Skelton and Manuel Pais', year: 2019, url: 'https://teamtopologies.com/book' },
  fowlerPrerequisites: { title: 'MicroservicePrerequisites', author: 'Martin Fowler', year: 2014, url: 'https://martinfowler.com/bliki/MicroservicePrerequisites.html' },
  nygardReleaseIt: { title: 'Release It! Design and Deploy Production-Ready Software, 2nd edition (Pragmatic Bookshelf)', author: 'Michael T. Nygard', year: 2018, url: 'https://pragprog.com/titles/mnee2/release-it-second-edition/' },
  awsAcl: { title: 'Anti-corruption layer pattern (AWS Prescriptive Guidance: Cloud design patterns)', author: 'Amazon Web Services', year: 2024, url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/cloud-design-patterns/acl.html' },
  deanBarroso: { title: 'The Tail at Scale (Communications of the ACM 56(2))', author: 'Jeffrey Dean and Luiz André Barroso', year: 2013, url: 'https://doi.org/10.1145/2408776.2408794' },
  onlineBoutique: { title: 'Online Boutique (microservices-demo): src/checkoutservice/main.go', author: 'Google Cloud Platform', year: 2018, url: 'https://github.com/GoogleCloudPlatform/microservices-demo/blob/main/src/checkoutservice/main.go' },
  accelerometer: { title: 'Accelerometer: Understanding Acceleration Opportunities for Data Center Overheads at Hyperscale (ASPLOS 2020)', author: 'Akshitha Sriraman and Abhishek Dhanotia', year: 2020, url: 'https://research.fb.com/publications/accelerometer-understanding-acceleration-opportunities-for-data-center-overheads-at-hyperscale/' },
  alibabaTrace: { title: 'Alibaba cluster trace: microservices v2021 and v2022', author: 'Alibaba Group', year: 2022, url: 'https://github.com/alibaba/clusterdata' },
  fowlerDeploymentPipeline: { title: 'DeploymentPipeline', author: 'Martin Fowler', year: 2013, url: 'https://martinfowler.com/bliki/DeploymentPipeline.html' },
  humbleFarley: { title: 'Continuous Delivery: Reliable Software Releases through Build, Test, and Deployment Automation (Addison-Wesley)', author: 'Jez Humble and David Farley', year: 2010, url: 'https://continuousdelivery.com/' },
  vitestRelated: { title: 'Command Line Interface: vitest related', author: 'The Vitest team', year: 2025, url: 'https://vitest.dev/guide/cli.html#vitest-related' },
} as const;

/**
 * Every claim of the seed article ("Nanoservices vs. Microservices: How do they Differ?",
 * Wisdomplexus), as listed with their ids and references in `claims.md` beside this file.
 */
export const articleClaims: readonly Claim[] = [
  {
    id: 'nano-anti-pattern',
    architecture: 'nanoservices',
    articleSays: 'Considered as an anti-pattern, components of nanoservices are too fine-grained',
    verdict: 'conditional',
    page: 'nanoservices/anti-pattern',
    citations: [cite.rotemGalOz, cite.kanev, cite.accelerometer, cite.alibabaTrace],
  },
  {
    id: 'nano-no-duplication',
    architecture: 'nanoservices',
    articleSays: 'There’s no need to duplicate code in nanoservices to be deployed',
    verdict: 'misattributed',
    page: 'nanoservices/no-duplication',
    citations: [cite.lambdaLayers, cite.onlineBoutique],
  },
  {
    id: 'nano-chaining',
    architecture: 'nanoservices',
    articleSays: 'they give an additional level of flexibility as they allow you to chain together different services',
    verdict: 'misattributed',
    page: 'nanoservices/chaining',
    citations: [cite.rotemGalOz, cite.fowlerTradeOffs, cite.lambdaCallingLambda, cite.kanev, cite.ghemawat, cite.deanBarroso],
  },
  {
    id: 'nano-single-endpoint',
    architecture: 'nanoservices',
    articleSays: 'intended to do one task at a time only, and present it as a single API endpoint',
    verdict: 'not-testable',
    page: 'nanoservices/single-endpoint',
    citations: [cite.rotemGalOz, cite.fowlerLewis, cite.shahrad],
  },
  {
    id: 'nano-own-security',
    architecture: 'nanoservices',
    articleSays: 'A nanoservice can have its own security protocol',
    verdict: 'misattributed',
    page: 'nanoservices/own-security',
    citations: [cite.awsLambdaIamRole, cite.richardsonAccessToken],
  },
  {
    id: 'nano-flexibility',
    architecture: 'nanoservices',
    articleSays: 'Flexibility to use different services',
    verdict: 'misattributed',
    page: 'nanoservices/flexibility',
    citations: [cite.fowlerLewis, cite.fowlerBlueGreen, cite.conway, cite.teamTopologies],
  },
  {
    id: 'nano-easy-deploy',
    architecture: 'nanoservices',
    articleSays: 'Easy to deploy',
    verdict: 'misattributed',
    page: 'nanoservices/easy-deploy',
    citations: [cite.lambdaExecutionEnvironments, cite.shahrad],
  },
  {
    id: 'nano-own-schedule',
    architecture: 'nanoservices',
    articleSays: 'Nanoservice can be created according to its own schedule',
    verdict: 'holds-with-cost',
    page: 'nanoservices/own-schedule',
    citations: [cite.robinson, cite.fowlerLewis, cite.conway, cite.teamTopologies, cite.fowlerPrerequisites],
  },
  {
    id: 'nano-clustered-app',
    architecture: 'nanoservices',
    articleSays: 'Nanoservices can be clustered together to form a usable application',
    verdict: 'misattributed',
    page: 'nanoservices/clustered-app',
    citations: [cite.treynor, cite.awsReliability, cite.deanBarroso],
  },
  {
    id: 'nano-overcomes-micro',
    architecture: 'nanoservices',
    articleSays: 'overcome the drawbacks of microservices',
    verdict: 'does-not-hold',
    page: 'nanoservices/overcomes-micro',
    citations: [cite.fowlerTradeOffs, cite.rotemGalOz, cite.ghemawat],
  },
  {
    id: 'nano-evolved-form',
    architecture: 'nanoservices',
    articleSays: 'nanoservices can be considered as the evolved form of microservices architecture',
    verdict: 'not-testable',
    page: 'nanoservices/evolved-form',
    citations: [cite.rotemGalOz, cite.fowlerLewis, cite.wolffTalk, cite.wolffBook],
  },
  {
    id: 'micro-soa-evolution',
    architecture: 'microservices',
    articleSays: 'Microservices, in a way, was the next step in the evolution of SOA',
    verdict: 'not-testable',
    page: 'microservices/soa-evolution',
    citations: [cite.fowlerLewis, cite.fowlerSoaAmbiguity, cite.zimmermann, cite.dragoni],
  },
  {
    id: 'micro-business-modules',
    architecture: 'microservices',
    articleSays: 'Every module upholds a particular business objective and uses a well-defined interface',
    verdict: 'misattributed',
    page: 'microservices/business-modules',
    citations: [cite.fowlerLewis, cite.robinson],
  },
  {
    id: 'micro-no-shared-data',
    architecture: 'microservices',
    articleSays: 'each microservice is autonomous and does not share a data layer',
    verdict: 'not-testable',
    page: 'microservices/no-shared-data',
    citations: [cite.richardsonDbPerService, cite.richardsonOutbox, cite.fowlerLewis],
  },
  {
    id: 'micro-lockstep',
    architecture: 'microservices',
    articleSays: 'he will necessarily need to update the system as a whole',
    verdict: 'does-not-hold',
    page: 'microservices/lockstep',
    citations: [cite.fowlerLewis, cite.robinson, cite.fowlerTolerantReader, cite.conway, cite.teamTopologies, cite.fowlerPrerequisites],
  },
  {
    id: 'micro-containers',
    architecture: 'microservices',
    articleSays: 'Works well with containers',
    verdict: 'misattributed',
    page: 'microservices/containers',
    citations: [cite.twelveFactorDisposability, cite.k8sProbes, cite.fowlerLewis],
  },
  {
    id: 'micro-redundancy',
    architecture: 'microservices',
    articleSays: 'Redundancy to remain available',
    verdict: 'misattributed',
    page: 'microservices/redundancy',
    citations: [cite.awsFaultIsolation, cite.awsLimitRetries, cite.nygardReleaseIt, cite.ghemawat],
  },
  {
    id: 'micro-less-production-time',
    architecture: 'microservices',
    articleSays: 'Requires less production time',
    verdict: 'misattributed',
    page: 'microservices/less-production-time',
    citations: [cite.fowlerPremium, cite.fowlerMonolithFirst, cite.accelerate, cite.fowlerDeploymentPipeline, cite.humbleFarley, cite.vitestRelated, cite.conway],
  },
  {
    id: 'micro-continuous-deployment',
    architecture: 'microservices',
    articleSays: 'Makes continuous and automated deployment possible',
    verdict: 'misattributed',
    page: 'microservices/continuous-deployment',
    citations: [cite.k8sRollingUpdate, cite.k8sDeployments, cite.k8sProbes, cite.fowlerLewis],
  },
  {
    id: 'micro-third-party',
    architecture: 'microservices',
    articleSays: 'Easy to integrate with third-party services',
    verdict: 'holds-with-cost',
    page: 'microservices/third-party',
    citations: [cite.fowlerCircuitBreaker, cite.nygardReleaseIt, cite.richardsonAcl, cite.azureAcl, cite.awsAcl, cite.awsLimitRetries],
  },
];

/**
 * The claims of the comparisons added with `npm run new:comparison`, read from their JSON files in
 * `comparisons/`. They are validated by the claims check, which names a bad entry and what to fix.
 */
const comparisonClaims = comparisonFiles.flatMap((file) => ((file as { claims?: unknown }).claims ?? []) as Claim[]);

/** The comparisons added with `npm run new:comparison`: each one's slug (its docs folder and its claims' architecture) and title. */
export const comparisons: readonly { readonly slug: string; readonly title: string }[] = comparisonFiles.map((file) => {
  const { slug, title } = file as { slug: string; title: string };
  return { slug, title };
});

/** Every claim: the article's, then the scaffolded comparisons'. The site, the claims check and the runner all read this one list. */
export const claims: readonly Claim[] = [...articleClaims, ...comparisonClaims];

/**
 * Finds a claim by id, or throws an error that lists the ids that exist.
 *
 * @example
 * ```ts
 * claimById('nano-chaining').verdict; // 'holds-with-cost'
 * ```
 */
export function claimById(id: string): Claim {
  const claim = claims.find((candidate) => candidate.id === id);
  if (!claim) throw new Error(`no claim "${id}" in examples/claims/registry.ts or examples/claims/comparisons/. Claims: ${claims.map((c) => c.id).join(', ')}`);
  return claim;
}
