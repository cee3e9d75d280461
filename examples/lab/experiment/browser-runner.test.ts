import { describe, expect, it } from 'vitest';
import { loadBrowserExperiment } from '../../browser-experiments.ts';
import { answerRunnerRequest, type RunnerMessage } from './browser-runner.ts';

async function ask(request: Parameters<typeof answerRunnerRequest>[0]): Promise<RunnerMessage[]> {
  const messages: RunnerMessage[] = [];
  await answerRunnerRequest(request, loadBrowserExperiment, (message) => messages.push(message));
  return messages;
}

describe('answerRunnerRequest (the code the page worker runs)', () => {
  it('describes the form of an experiment from its schema', async () => {
    const [described] = await ask({ type: 'describe', id: 'nano-chaining' });
    expect(described?.type).toBe('described');
    if (described?.type !== 'described') return;
    expect(described.controls.map((control) => control.name)).toContain('chainLengths');
    expect(described.controls.map((control) => control.name)).not.toContain('transports');
  });

  it('runs with the values the reader typed, posting progress, then tables, plots and a summary', async () => {
    const messages = await ask({ type: 'run', id: 'nano-chaining', values: { chainLengths: '1, 3', iterations: '30', warmup: '5', rounds: '2', throughputRequests: '30' } });
    const progress = messages.filter((message) => message.type === 'progress');
    const finished = messages.at(-1);
    expect(progress.map((message) => message.done)).toEqual([1, 2, 3]);
    expect(finished?.type).toBe('finished');
    if (finished?.type !== 'finished') return;
    expect(finished.params).toMatchObject({ chainLengths: [1, 3], iterations: 30 });
    expect(finished.tables[0]?.rows.map((row) => row.chainLength)).toEqual([1, 1, 1, 3, 3, 3]);
    expect(finished.plots[0]?.kind).toBe('line');
    expect(finished.summary).toMatch(/same receipt/);
  });

  it('refuses values the schema refuses, naming each, without running', async () => {
    const messages = await ask({ type: 'run', id: 'nano-chaining', values: { chainLengths: '1, 9', iterations: 'many' } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'invalid', problems: [{ name: 'chainLengths', item: '1' }, { name: 'iterations' }] });
  });

  it('posts a failure for an unknown experiment instead of throwing', async () => {
    expect(await ask({ type: 'describe', id: 'nano-teleport' })).toEqual([{ type: 'failed', message: expect.stringMatching(/no in-browser run for "nano-teleport"/) }]);
  });
});
