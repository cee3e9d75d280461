import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { findLeftovers } from './leftovers.ts';

describe('findLeftovers', () => {
  it('sees a listening server until it is closed', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(findLeftovers().listeningPorts).toContain(port);
    await new Promise((resolve) => server.close(resolve));
    expect(findLeftovers().listeningPorts).not.toContain(port);
  });

  it('sees a child process until it has exited', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    await once(child, 'spawn');
    expect(findLeftovers().childProcesses.some((line) => line.startsWith(`${child.pid} `))).toBe(true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(findLeftovers().childProcesses.some((line) => line.startsWith(`${child.pid} `))).toBe(false);
  });
});
