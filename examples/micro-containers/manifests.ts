/**
 * What a unit would ship with to run in containers: a Dockerfile around its bundled file and the
 * Kubernetes objects that run it (a Deployment whose probes are the unit's /healthz and /readyz, and a
 * Service). Nothing here runs a container: the Dockerfile is checked statically and the objects are
 * checked against the Kubernetes OpenAPI schemas by `kubernetes-models`.
 */
import { Deployment } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import type { Shape } from '../lab/model/shapes.ts';

/** The port every unit's image listens on; the platform passes it as PORT. */
export const containerPort = 8080;

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * The Dockerfile of one unit: a slim Node image, the bundle only, a non-root user, the port, a
 * HEALTHCHECK on /healthz and the command. Config stays out of the image except what names the unit.
 *
 * @example
 * ```ts
 * dockerfileFor(microservices, 'billing').split('\n')[0]; // 'FROM node:20-slim'
 * ```
 */
export function dockerfileFor(shape: Shape, unitName: string): string {
  return [
    'FROM node:20-slim',
    'WORKDIR /app',
    'COPY container-unit.cjs ./',
    `ENV NODE_ENV=production PORT=${containerPort} LAB_SHAPE=${shape.name} LAB_UNIT=${unitName}`,
    'USER node',
    `EXPOSE ${containerPort}`,
    `HEALTHCHECK --interval=10s --timeout=2s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"`,
    'STOPSIGNAL SIGTERM',
    'CMD ["node", "container-unit.cjs"]',
    '',
  ].join('\n');
}

/** What a static reading of a Dockerfile found. */
export interface DockerfileCheck {
  readonly from: boolean;
  /** A USER instruction that is not root (or uid 0). */
  readonly nonRootUser: boolean;
  readonly exposesPort: boolean;
  readonly healthcheck: boolean;
  /** CMD in exec form, so that node is PID 1's child-less process and receives SIGTERM itself. */
  readonly execFormCmd: boolean;
}

/**
 * Reads a Dockerfile line by line for the instructions the container contract needs.
 *
 * @example
 * ```ts
 * checkDockerfile('FROM node:20\nCMD node x.js', 8080).execFormCmd; // false
 * ```
 */
export function checkDockerfile(text: string, port: number): DockerfileCheck {
  const lines = text.split('\n').map((line) => line.trim());
  const instruction = (name: string) => lines.filter((line) => line.toUpperCase().startsWith(`${name} `));
  const users = instruction('USER').map((line) => line.slice(5).trim());
  const lastUser = users[users.length - 1];
  return {
    from: lines.find((line) => line && !line.startsWith('#'))?.toUpperCase().startsWith('FROM ') ?? false,
    nonRootUser: lastUser !== undefined && !['root', '0', '0:0'].includes(lastUser),
    exposesPort: instruction('EXPOSE').some((line) => line.split(/\s+/).slice(1).some((p) => p.split('/')[0] === String(port))),
    healthcheck: instruction('HEALTHCHECK').some((line) => line.includes('/healthz')),
    execFormCmd: instruction('CMD').some((line) => line.slice(4).trim().startsWith('[')),
  };
}

/**
 * The Deployment and Service of one unit: `replicas` pods of its image with PORT from the
 * environment, a liveness probe on /healthz, a readiness probe on /readyz, a preStop-free graceful
 * stop (the unit drains on SIGTERM itself), and a Service in front of the ready pods.
 *
 * @example
 * ```ts
 * const { deployment, service } = manifestsFor(microservices, 'billing', 2);
 * deployment.validate(); service.validate();
 * ```
 */
export function manifestsFor(shape: Shape, unitName: string, replicas: number): { deployment: Deployment; service: Service } {
  const name = `${kebab(shape.name)}-${kebab(unitName)}`;
  const labels = { app: name };
  const deployment = new Deployment({
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 1000 },
          containers: [
            {
              name: kebab(unitName),
              image: `granularity-lab/${name}:v1`,
              ports: [{ name: 'http', containerPort }],
              env: [
                { name: 'PORT', value: String(containerPort) },
                { name: 'LAB_SHAPE', value: shape.name },
                { name: 'LAB_UNIT', value: unitName },
                { name: 'APP_VERSION', value: 'v1' },
              ],
              livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: 3 },
              readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 2, failureThreshold: 1 },
            },
          ],
        },
      },
    },
  });
  const service = new Service({
    metadata: { name, labels },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
  return { deployment, service };
}
