/**
 * `npm run bench:site`: the site's numbers in one place. A clean production build, timed (every
 * cache cleared first), then Lighthouse on its default mobile settings (the preset's own 4× CPU
 * slowdown, not the gate's calibrated one) over every audited page, the median of three runs: the
 * JavaScript executed at load (gzip), the total blocking time and the performance score, as README
 * quotes them. Needs a quiet machine; a busy one makes every figure worse.
 *
 *   npm run bench:site                 # clean build, then the audits
 *   npm run bench:site -- --no-build   # audit the build already in build/
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { auditedPages } from './audited-pages.ts';
import { benchTable } from './bench-table.ts';

const usage = 'usage: npm run bench:site [-- --no-build]';
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--no-build');
if (unknown.length > 0) {
  console.error(`bench:site: unknown argument ${unknown.join(' ')}\n${usage}`);
  process.exit(2);
}
const build = !args.includes('--no-build');
if (!build && !existsSync('build/index.html')) {
  console.error(`bench:site: --no-build needs a production build in build/: run npm run build first\n${usage}`);
  process.exit(2);
}

function docusaurus(command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['docusaurus', command], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docusaurus ${command} exited with ${code}`))));
  });
}

let buildSeconds: number | null = null;
if (build) {
  await docusaurus('clear');
  const started = performance.now();
  await docusaurus('build');
  buildSeconds = (performance.now() - started) / 1000;
}
// Imported once the build exists: the server it uses reads the build's address when it loads.
const { auditPages } = await import('./lighthouse-audit.ts');
const { figures, slowdownText } = await auditPages({ pages: auditedPages, runs: 3, cpuSlowdown: 4, log: (line) => process.stderr.write(`${line}\n`) });
console.log(benchTable(figures, buildSeconds, slowdownText));
