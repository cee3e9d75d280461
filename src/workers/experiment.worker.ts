import { loadBrowserExperiment } from '@site/examples/browser-experiments';
import { answerRunnerRequest, type RunnerMessage, type RunnerRequest } from '@site/examples/lab/experiment/browser-runner';

// A dedicated worker: the experiment runs here so that the page stays responsive, and the page can
// stop a run at any moment by terminating the worker. All logic is in answerRunnerRequest (tested).
const post = (message: RunnerMessage) => (globalThis as unknown as { postMessage(message: RunnerMessage): void }).postMessage(message);

globalThis.addEventListener('message', (event: Event) => {
  void answerRunnerRequest((event as MessageEvent<RunnerRequest>).data, loadBrowserExperiment, post);
});
