import { describe, expect, it } from 'vitest';
import { clearUsedServers, hasCreatedOnServers, noteCreatedOnServer, recordServer, usedServers } from './used-servers.ts';

describe('used servers', () => {
  it('records each server once, in the order opened, until cleared', () => {
    clearUsedServers();
    recordServer({ role: 'postgres', kind: 'server', version: 'PostgreSQL 15.20' });
    recordServer({ role: 'broker', kind: 'embedded', version: 'embedded broker (lab, in memory)', purpose: 'comparison' });
    recordServer({ role: 'postgres', kind: 'server', version: 'PostgreSQL 15.20' });
    expect(usedServers()).toEqual([
      { role: 'postgres', kind: 'server', version: 'PostgreSQL 15.20' },
      { role: 'broker', kind: 'embedded', version: 'embedded broker (lab, in memory)', purpose: 'comparison' },
    ]);
    clearUsedServers();
    expect(usedServers()).toEqual([]);
  });

  it('remembers that this process created something on a server', () => {
    // This file creates nothing on a server until here (vitest isolates each file's modules).
    expect(hasCreatedOnServers()).toBe(false);
    noteCreatedOnServer();
    expect(hasCreatedOnServers()).toBe(true);
  });
});
