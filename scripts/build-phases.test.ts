import { describe, expect, it } from 'vitest';
import { buildPhases, mainPhases } from './build-phases.ts';

const log = [
  '\u001b[33m[PERF]\u001b[39m Load site - \u001b[33m812.50 ms\u001b[39m - (Heap 100mb -> 200mb / Total 300mb)',
  '[PERF] Build > en > Bundle compilation - 21.40 seconds! - (Heap 200mb -> 900mb / Total 1200mb)',
  '[PERF] Build > en > SSG > Generate pages - 3.10 seconds! - (Heap ...)',
  '[PERF][KO] Build > en > Broken links checker - 40.00 ms - (Heap ...)',
  '[INFO] something else',
].join('\n');

describe('buildPhases', () => {
  it('reads every perf line, in seconds, without colours', () => {
    expect(buildPhases(log)).toEqual([
      { label: 'Load site', seconds: 0.81 },
      { label: 'Build > en > Bundle compilation', seconds: 21.4 },
      { label: 'Build > en > SSG > Generate pages', seconds: 3.1 },
      { label: 'Build > en > Broken links checker', seconds: 0.04 },
    ]);
  });

  it('keeps the shallow, slow phases', () => {
    expect(mainPhases(buildPhases(log), 3, 0.5).map((phase) => phase.label)).toEqual(['Load site', 'Build > en > Bundle compilation']);
  });
});
