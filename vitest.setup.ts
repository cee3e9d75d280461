import { afterAll, expect } from 'vitest';
import { findLeftovers } from './examples/lab/leftovers.ts';

// Every test file must stop every server and process it started, even when it fails.
afterAll(() => {
  expect(findLeftovers(), 'a test file left a process or a listening port behind').toEqual({ childProcesses: [], listeningPorts: [] });
});
