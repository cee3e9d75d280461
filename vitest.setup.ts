import { afterAll, expect } from 'vitest';
import { findLeftovers } from './examples/lab/processes/leftovers.ts';

// Every test file must stop every server and process it started, even when it fails. The check reads
// /proc on Linux and asks ps and lsof on macOS (examples/lab/processes/leftovers.ts).
afterAll(() => {
  expect(findLeftovers(), 'a test file left a process or a listening port behind').toEqual({ childProcesses: [], listeningPorts: [] });
});
