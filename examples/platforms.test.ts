import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build, stop } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { experimentIds, loadExperiment } from './experiments.ts';
import { repoRoot } from './lab/files/evidence.ts';
import { findLeftovers } from './lab/processes/leftovers.ts';
import { PlatformError, platformsMarkdown, refuseUnsupported } from './lab/experiment/platform-needs.ts';

const experiments = await Promise.all(experimentIds.map((id) => loadExperiment(id)));

/** README's "Platforms" list: the lines between its marker comments. */
function readmeList(): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const match = /<!-- platforms:start -->\n([\s\S]*?)\n<!-- platforms:end -->/.exec(readme);
  if (!match) throw new Error('README.md has no <!-- platforms:start --> ... <!-- platforms:end --> section');
  return match[1] as string;
}

// esbuild's service is a child process, and stop() returns once it has sent SIGTERM, not once the
// service has exited: wait for that (a second at most), or the leak check after this file finds it.
afterAll(async () => {
  await stop();
  for (let wait = 0; wait < 50 && findLeftovers().childProcesses.some((line) => line.includes('esbuild')); wait++) await sleep(20);
});

describe('what runs where', () => {
  it("README's Platforms section lists exactly the experiments that declare what they need", () => {
    const expected = platformsMarkdown(experiments);
    expect(expected.split('\n').length).toBeGreaterThanOrEqual(1);
    expect(readmeList(), `README.md's Platforms list differs from the experiments' \`needs\`; it should read:\n${expected}\n`).toBe(expected);
  });

  it('every experiment whose code reads /proc declares that it runs on Linux only', async () => {
    // Bundled and tree-shaken, comments dropped: a module imported for another of its functions does not count.
    const { outputFiles } = await build({
      entryPoints: experimentIds.map((id) => path.join(repoRoot, 'examples', id, 'experiment.ts')),
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outbase: path.join(repoRoot, 'examples'),
      outdir: path.join(repoRoot, 'build-platform-check'),
      absWorkingDir: repoRoot,
      logLevel: 'silent',
    });
    // A path in code is a template (`/proc/${pid}/stat`) or a quoted string ('/proc'); the prose of a `because` is neither.
    const readingProc = outputFiles.filter((file) => /`\/proc\/\$\{|["']\/proc["'/]/.test(file.text)).map((file) => path.basename(path.dirname(file.path))).sort();
    expect(readingProc).toEqual(expect.arrayContaining(['nano-easy-deploy', 'modular-monolith-independent-deploys', 'modular-monolith-operating-cost']));
    expect(readingProc).not.toContain('micro-redundancy'); // it runs bundles, but reads nothing from /proc
    // Their databases' boundaries are PostgreSQL's permissions now, not files seen open in /proc.
    expect(readingProc).not.toContain('micro-no-shared-data');
    expect(readingProc).not.toContain('modular-monolith-data-ownership');
    const declaredLinuxOnly = experiments.filter((experiment) => experiment.needs?.platforms.join() === 'linux').map((experiment) => experiment.id);
    expect(readingProc.filter((id) => !declaredLinuxOnly.includes(id)), 'these read /proc without `needs: { platforms: [\'linux\'], because }`').toEqual([]);
  });

  it('the CLI check refuses a Linux-only experiment on macOS and Windows, and lets it run on Linux', async () => {
    const easyDeploy = await loadExperiment('nano-easy-deploy');
    expect(() => refuseUnsupported([easyDeploy], 'darwin')).toThrow(PlatformError);
    expect(() => refuseUnsupported([easyDeploy], 'darwin')).toThrow(/^nano-easy-deploy runs on Linux only, not on macOS \(darwin\): it reads .*\/proc\/<pid>\/smaps_rollup/);
    expect(() => refuseUnsupported(experiments, 'win32')).toThrow(/micro-containers runs on Linux or macOS, not on Windows \(win32\)/);
    expect(() => refuseUnsupported([easyDeploy], 'linux')).not.toThrow();
  });
});
