import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, evidenceProblem, experimentSources, hashSourceFiles, packageOf } from './evidence.ts';

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};

/** An experiment that imports a helper and a package, and starts a child script that imports another file. */
function writeExperiment() {
  write(
    'examples/demo/experiment.ts',
    [
      "import { spawn } from 'node:child_process';",
      "import { fileURLToPath } from 'node:url';",
      "import { Hono } from 'hono';",
      "import { helper } from './helper.ts';",
      "const child = fileURLToPath(new URL('./child-main.ts', import.meta.url));",
      'export const experiment = () => spawn(process.execPath, [child, helper(), String(Hono)]);',
      '',
    ].join('\n'),
  );
  write('examples/demo/helper.ts', "export const helper = () => 'help';\n");
  write('examples/demo/child-main.ts', "import { childWork } from './child-work.ts';\nchildWork();\n");
  write('examples/demo/child-work.ts', 'export const childWork = () => 1;\n');
  write('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/hono': { version: '4.1.0' } } }));
}

/** Writes evidence for the demo experiment as `npm run evidence` would, with today's sources. */
async function writeEvidence(result: unknown = { rows: [{ n: 42 }] }, servers?: unknown[]) {
  const { files, packages } = await experimentSources('demo', root);
  const content = { params: { runs: 3 }, verdict: { verdict: 'holds', because: 'the figures say so' }, result };
  write('evidence/demo.json', JSON.stringify({ claim: 'demo', ...content, stamp: { sourceHash: hashSourceFiles(files, root, packages), sourceFiles: files, packages, contentHash: contentHash(content), ...(servers ? { servers } : {}) } }, null, 2));
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('experimentSources', () => {
  it('follows imports and the files started by path, with their own imports, and locks package versions', async () => {
    writeExperiment();
    expect(await experimentSources('demo', root)).toEqual({
      files: ['examples/demo/child-main.ts', 'examples/demo/child-work.ts', 'examples/demo/experiment.ts', 'examples/demo/helper.ts'],
      packages: { hono: '4.1.0' },
    });
  });

  it('refuses a reference to a file that does not exist, and a package the lockfile does not list', async () => {
    writeExperiment();
    write('examples/demo/helper.ts', "export const helper = () => new URL('./gone.ts', import.meta.url).href;\n");
    await expect(experimentSources('demo', root)).rejects.toThrow('examples/demo/helper.ts starts ./gone.ts, which does not exist');
    writeExperiment();
    write('examples/demo/helper.ts', "import { z } from 'zod';\nexport const helper = () => String(z);\n");
    await expect(experimentSources('demo', root)).rejects.toThrow(/package-lock\.json does not list zod.*npm install zod/);
  });

  it('ignores an example in a comment', async () => {
    writeExperiment();
    write('examples/demo/helper.ts', "/** e.g. new URL('./not-there.ts', import.meta.url) */\nexport const helper = () => 'help';\n");
    expect((await experimentSources('demo', root)).files).not.toContain('examples/demo/not-there.ts');
  });
});

describe('packageOf', () => {
  it('names the package of a bare specifier, and none for built-ins and paths', () => {
    expect(['hono/http-status', '@hono/node-server', '@hono/node-server/vercel', 'node:fs', 'fs', './x.ts', '/abs.ts'].map(packageOf)).toEqual([
      'hono',
      '@hono/node-server',
      '@hono/node-server',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('evidenceProblem', () => {
  it('accepts evidence written from today’s sources', async () => {
    writeExperiment();
    await writeEvidence();
    expect(await evidenceProblem('demo', root)).toBeUndefined();
  });

  it('finds evidence stale when a file started by path, or one it imports, changes', async () => {
    writeExperiment();
    await writeEvidence();
    write('examples/demo/child-work.ts', 'export const childWork = () => 2;\n');
    expect(await evidenceProblem('demo', root)).toMatch(/^evidence\/demo\.json was produced by other code/);
  });

  it('finds evidence stale when a package version changes, naming it', async () => {
    writeExperiment();
    await writeEvidence();
    write('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/hono': { version: '4.2.0' } } }));
    expect(await evidenceProblem('demo', root)).toMatch(/packages: hono 4\.1\.0 → 4\.2\.0/);
  });

  it('detects a figure edited by hand, whatever the key order or spacing of the file', async () => {
    writeExperiment();
    await writeEvidence({ rows: [{ n: 42, label: 'a' }] });
    const file = path.join(root, 'evidence/demo.json');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(file, 'utf8');
    // The same values, re-serialised with other spacing: still the run's content.
    writeFileSync(file, JSON.stringify(JSON.parse(text)));
    expect(await evidenceProblem('demo', root)).toBeUndefined();
    writeFileSync(file, text.replace('"n": 42', '"n": 41'));
    expect(await evidenceProblem('demo', root)).toMatch(/was changed after its run: .*content hash/);
    writeFileSync(file, text.replace('"holds"', '"refuted"'));
    expect(await evidenceProblem('demo', root)).toMatch(/was changed after its run/);
  });

  it('refuses figures measured on the embedded stand-ins, and accepts them from the servers', async () => {
    writeExperiment();
    await writeEvidence(undefined, [
      { role: 'postgres', kind: 'embedded', version: 'PGlite 0.5.14 (PostgreSQL 18.6)' },
      { role: 'broker', kind: 'server', version: 'NATS 2.9.10 (JetStream)' },
    ]);
    expect(await evidenceProblem('demo', root)).toBe('evidence/demo.json was measured on embedded stand-ins (PGlite 0.5.14 (PostgreSQL 18.6)), not on PostgreSQL and NATS servers');
    await writeEvidence(undefined, [{ role: 'postgres', kind: 'server', version: 'PostgreSQL 15.14' }]);
    expect(await evidenceProblem('demo', root)).toBeUndefined();
    // A stand-in measured only beside the server, for comparison, is allowed.
    await writeEvidence(undefined, [
      { role: 'broker', kind: 'server', version: 'NATS 2.9.10 (JetStream)' },
      { role: 'broker', kind: 'embedded', version: 'embedded broker (lab, in memory)', purpose: 'comparison' },
    ]);
    expect(await evidenceProblem('demo', root)).toBeUndefined();
  });

  it('says when evidence predates content hashes', async () => {
    writeExperiment();
    write('evidence/demo.json', JSON.stringify({ claim: 'demo', params: {}, verdict: {}, result: {}, stamp: { sourceHash: 'x', sourceFiles: [] } }));
    expect(await evidenceProblem('demo', root)).toMatch(/has no content hash/);
  });
});
