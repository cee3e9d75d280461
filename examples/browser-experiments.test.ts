import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { findLeftovers } from './lab/processes/leftovers.ts';
import { browserExperimentIds, loadBrowserExperiment, UnknownBrowserExperimentError } from './browser-experiments.ts';

const examplesDir = path.dirname(fileURLToPath(import.meta.url));
const foldersWithBrowserRun = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(examplesDir, entry.name, 'in-browser.ts')))
  .map((entry) => entry.name)
  .sort();

describe('browser experiments', () => {
  // esbuild keeps a service process for later builds; the leftovers check would (rightly) flag it.
  // stop() signals it without waiting, so wait (bounded) until it has gone.
  afterAll(async () => {
    await stop();
    for (let tries = 0; tries < 50 && findLeftovers().childProcesses.length > 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('lists exactly the folders that have an in-browser.ts', () => {
    expect(browserExperimentIds).toEqual(foldersWithBrowserRun);
  });

  it('loads each one, with the id of its folder and an experiment of the same claim', async () => {
    for (const id of browserExperimentIds) {
      expect((await loadBrowserExperiment(id)).id).toBe(id);
      expect(existsSync(path.join(examplesDir, id, 'experiment.ts'))).toBe(true);
    }
  });

  it('refuses an unknown id, listing the ones that exist', async () => {
    await expect(loadBrowserExperiment('nano-teleport')).rejects.toThrow(UnknownBrowserExperimentError);
    await expect(loadBrowserExperiment('nano-teleport')).rejects.toThrow(/Experiments that run in the page: .*nano-chaining/);
  });

  // The browser-safe boundary, checked the way the page's bundler sees it: no Node built-in anywhere in the import graph.
  it.each(foldersWithBrowserRun)('%s/in-browser.ts bundles for the browser without any Node built-in', async (id) => {
    const bundled = await build({
      entryPoints: [path.join(examplesDir, id, 'in-browser.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    }).catch((error: Error) => error);
    expect(bundled instanceof Error ? bundled.message : '').toBe('');
    if (bundled instanceof Error) return;
    const reached = Object.keys(bundled.metafile.inputs).filter((input) => input.startsWith('node:') || /^(fs|path|http|child_process)$/.test(input));
    expect(reached).toEqual([]);
  });
});
