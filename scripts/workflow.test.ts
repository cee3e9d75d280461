import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

// GitHub Actions cannot run here; this holds the workflow to what CONTRIBUTING.md and README promise.
const workflow = parse(readFileSync(new URL('../.github/workflows/ci.yml', import.meta.url), 'utf8')) as {
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, { if?: string; needs?: string[]; strategy?: { matrix: { node: number[] } }; steps: Step[] }>;
};
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
const nvmrc = readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim();
const runs = (job: string) => workflow.jobs[job]?.steps.map((step) => step.run).filter(Boolean);

describe('the GitHub Actions workflow', () => {
  it('runs on pull requests and on main', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push']);
  });

  it('runs the same checks as .ci/run, on the Node of .nvmrc, with the full history the last-updated dates need', () => {
    expect(runs('check')).toEqual(['bash .ci/run']);
    const [checkout, setupNode] = workflow.jobs.check?.steps ?? [];
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc');
    expect(packageJson.engines.node.split('||').some((range) => range.includes(nvmrc.split('.')[0] as string))).toBe(true);
  });

  it('runs the type check, the unit tests and the build on every Node line engines allows', () => {
    const lines = packageJson.engines.node.split('||').map((range) => Number(/\d+/.exec(range)?.[0]));
    expect(workflow.jobs.node?.strategy?.matrix.node).toEqual(lines);
    expect(runs('node')).toEqual(['npm ci --no-audit --no-fund', 'npm run typecheck', 'npm run test:unit', 'npm run build']);
  });

  it('builds for the address the repository settings give (src/site-address.ts), empty meaning the default', () => {
    expect(workflow.env).toEqual({ SITE_URL: '${{ vars.SITE_URL }}', BASE_URL: '${{ vars.BASE_URL }}' });
  });

  it('deploys the build .ci/run tested to GitHub Pages, from main only, after every check passes', () => {
    expect(workflow.jobs.deploy?.if).toBe("github.ref == 'refs/heads/main'");
    expect(workflow.jobs.deploy?.needs).toEqual(['check', 'node']);
    expect(workflow.jobs.deploy?.steps.map((step) => step.uses)).toEqual(['actions/deploy-pages@v4']);
    expect(workflow.jobs.check?.steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path).toBe('build');
  });
});
