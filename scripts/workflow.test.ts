import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// GitHub Actions cannot run here; this holds the workflow to what CONTRIBUTING.md promises.
const workflow = parse(readFileSync(new URL('../.github/workflows/ci.yml', import.meta.url), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, { if?: string; needs?: string; steps: Array<{ run?: string; uses?: string }> }>;
};

describe('the GitHub Actions workflow', () => {
  it('runs on pull requests and on main', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push']);
  });

  it('runs the same checks as .ci/run', () => {
    expect(workflow.jobs.check?.steps.map((step) => step.run).filter(Boolean)).toEqual(['bash .ci/run']);
  });

  it('deploys the built site to GitHub Pages from main only, after the checks pass', () => {
    expect(workflow.jobs.deploy?.if).toBe("github.ref == 'refs/heads/main'");
    expect(workflow.jobs.deploy?.needs).toBe('check');
    expect(workflow.jobs.deploy?.steps.map((step) => step.uses)).toEqual(['actions/deploy-pages@v4']);
  });
});
