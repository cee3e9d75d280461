import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import { idlePrefetch, type RequestIdle } from './idle-prefetch';

// The client module that puts `idlePrefetch` in place of Docusaurus's own prefetch.
// A client module runs while the main bundle is evaluated, before the entry sets `window.docusaurus`;
// the microtask runs once the bundle has been evaluated and before any link can be observed.
if (ExecutionEnvironment.canUseDOM) {
  queueMicrotask(() => {
    // Should a Docusaurus upgrade set it later, links keep Docusaurus's own prefetch: no worse than before.
    if (typeof window.docusaurus?.prefetch !== 'function') return;
    const requestIdle: RequestIdle = window.requestIdleCallback?.bind(window) ?? ((work) => setTimeout(work, 50));
    window.docusaurus = { ...window.docusaurus, prefetch: idlePrefetch(window.docusaurus.prefetch, requestIdle) };
  });
}
