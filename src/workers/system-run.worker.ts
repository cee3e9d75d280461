import { answerSystemRunRequest, type SystemRunMessage, type SystemRunRequest } from '@site/examples/lab/system-run/browser-system-run';

// A dedicated worker: the system runs here so that the page stays responsive, and the page can stop
// a run at any moment by terminating the worker. All logic is in answerSystemRunRequest (tested).
const post = (message: SystemRunMessage) => (globalThis as unknown as { postMessage(message: SystemRunMessage): void }).postMessage(message);

globalThis.addEventListener('message', (event: Event) => {
  void answerSystemRunRequest((event as MessageEvent<SystemRunRequest>).data, post);
});
