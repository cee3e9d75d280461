import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import { browserExperimentIds } from '@site/examples/browser-experiments';
import type { RunnerMessage, RunnerRequest } from '@site/examples/lab/experiment/browser-runner';
import type { ParamControl } from '@site/examples/lab/experiment/param-controls';
import ResultTable from '../ResultTable';
import { useRepositoryUrl } from '../repository';
import ResultPlotView from '../ResultPlotView';
import { ParamField } from './ParamField';
import styles from './styles.module.css';

/** A run in the page never takes longer than this: the worker is stopped and the reader told why. */
const maxRunSeconds = 120;

type Described = Extract<RunnerMessage, { type: 'described' }>;
type Finished = Extract<RunnerMessage, { type: 'finished' }>;
type Progress = Extract<RunnerMessage, { type: 'progress' }>;
type Problem = Extract<RunnerMessage, { type: 'invalid' }>['problems'][number];

function startWorker(): Worker {
  return new Worker(new URL('../../workers/experiment.worker.ts', import.meta.url), { type: 'module', name: 'experiment' });
}

/** Where the figures of an in-page run come from, like the evidence stamp of a published run. */
function browserStamp(): string {
  const cores = navigator.hardwareConcurrency ? `${navigator.hardwareConcurrency} logical cores` : 'unknown cores';
  const timers = globalThis.crossOriginIsolated
    ? 'fine-grained timers'
    : 'timers rounded by the browser (to 100 µs in Chromium, as this page is not cross-origin isolated): per-call percentiles are coarse, rates over many calls are not';
  return `${navigator.userAgent} · ${cores} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${timers}`;
}

/**
 * "Run it in your browser": a form generated from the experiment's parameter schema, a run in a Web
 * Worker with live progress, a cancel button and a time limit, and the results as tables and plots.
 * For an experiment that needs Node (sockets, processes, signals, files), the page says what in
 * `needs`, and the panel says so and gives the command to run it locally instead. Without `needs`,
 * an experiment with no in-page run is not said to need Node, which would be false of one on the
 * memory transport: the panel says it is not set up to run in the page yet, and how to set it up.
 */
export default function RunInBrowser({ id, needs }: { id: string; needs?: string }): ReactNode {
  const repository = useRepositoryUrl();
  if (!browserExperimentIds.includes(id)) {
    return (
      <div className={styles.panel}>
        {needs ? (
          <p>This experiment needs {needs}, which a browser page cannot provide, so it does not run here. Run it on your machine:</p>
        ) : (
          <p>
            This experiment is not set up to run in the page yet: it runs here once it has an in-page version on the memory
            transport (<code>examples/{id}/in-browser.ts</code>, listed in <code>examples/browser-experiments.ts</code>). Until
            then, run it on your machine:
          </p>
        )}
        <CodeBlock language="bash">{`git clone ${repository} && cd ${repository.split('/').pop()} && npm ci\nnpm run example -- ${id} --quick\nnpm run example -- ${id}            # the full run behind this page`}</CodeBlock>
      </div>
    );
  }
  return <BrowserRunPanel id={id} />;
}

function BrowserRunPanel({ id }: { id: string }): ReactNode {
  const worker = useRef<Worker | null>(null);
  const deadline = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [described, setDescribed] = useState<Described | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [running, setRunning] = useState(false);
  const [finished, setFinished] = useState<(Finished & { stamp: string }) | null>(null);
  const [status, setStatus] = useState('');
  const formId = useId();

  const stop = (message: string) => {
    worker.current?.terminate();
    worker.current = null;
    if (deadline.current) clearTimeout(deadline.current);
    setRunning(false);
    setStatus(message);
  };

  const connect = (): Worker => {
    if (worker.current) return worker.current;
    const started = startWorker();
    started.addEventListener('message', (event: MessageEvent<RunnerMessage>) => {
      const message = event.data;
      if (message.type === 'described') {
        setDescribed(message);
        setValues(Object.fromEntries(message.controls.map((control) => [control.name, control.initial])));
      } else if (message.type === 'progress') {
        setProgress(message);
        setStatus(`${message.done} of ${message.total}: ${message.label}`);
      } else if (message.type === 'invalid') {
        setProblems(message.problems);
        setRunning(false);
        setStatus(`Not run: ${message.problems.length} parameter${message.problems.length > 1 ? 's need' : ' needs'} a change.`);
      } else if (message.type === 'finished') {
        if (deadline.current) clearTimeout(deadline.current);
        setFinished({ ...message, stamp: browserStamp() });
        setRunning(false);
        setStatus(`Finished in ${message.seconds} s.`);
      } else {
        stop(`The run failed: ${message.message}`);
      }
    });
    started.addEventListener('error', (event) => stop(`The worker stopped: ${event.message || 'it could not be loaded'}`));
    worker.current = started;
    return started;
  };

  const send = (request: RunnerRequest) => connect().postMessage(request);

  useEffect(() => () => worker.current?.terminate(), []);

  const open = (isOpen: boolean) => {
    if (isOpen && !described) send({ type: 'describe', id });
  };

  const run = (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    setProblems([]);
    setProgress(null);
    setFinished(null);
    setRunning(true);
    setStatus('Starting…');
    send({ type: 'run', id, values });
    deadline.current = setTimeout(() => stop(`Stopped after ${maxRunSeconds} s, the limit for a run in the page. Try fewer iterations.`), maxRunSeconds * 1000);
  };

  const reset = () => described && setValues(Object.fromEntries(described.controls.map((control) => [control.name, control.initial])));

  return (
    <details className={styles.panel} onToggle={(event) => open((event.currentTarget as HTMLDetailsElement).open)}>
      <summary className={styles.summary}>Set up a run of this experiment in your browser</summary>
      {!described ? (
        <p role="status">{status || 'Loading the experiment…'}</p>
      ) : (
        <>
          <p>{described.scope}</p>
          <form id={formId} onSubmit={run} className={styles.form} aria-label={`Parameters of ${described.title}`}>
            <div className={styles.fields}>
              {described.controls.map((control: ParamControl) => (
                <ParamField
                  key={control.name}
                  control={control}
                  value={values[control.name] ?? ''}
                  problems={problems.filter((problem) => problem.name === control.name)}
                  disabled={running}
                  onChange={(value) => setValues((current) => ({ ...current, [control.name]: value }))}
                />
              ))}
            </div>
            <div className={styles.buttons}>
              <button type="submit" className="button button--primary" disabled={running}>
                Run in this tab
              </button>
              <button type="button" className="button button--secondary" disabled={!running} onClick={() => stop('Cancelled.')}>
                Cancel
              </button>
              <button type="button" className="button button--link" disabled={running} onClick={reset}>
                Reset values
              </button>
            </div>
          </form>
          <div className={styles.progress}>
            <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Progress of the run" />
            <p role="status" aria-live="polite">
              {status}
            </p>
          </div>
          {finished && (
            <section aria-label="Results of your run" className={styles.results}>
              <p>
                <strong>{finished.summary}</strong>
              </p>
              {finished.plots.map((plot) => (
                <ResultPlotView key={plot.title} plot={plot} />
              ))}
              {/* Saved under a name of its own, so that a reader's run is not taken for the published figures. */}
              {finished.tables.map((table) => (
                <ResultTable key={table.title} table={table} fileStem={`${id}-browser-run`} />
              ))}
              <p className={styles.stamp}>
                Measured in your browser: {finished.stamp}. The run took {finished.seconds} s with parameters{' '}
                <code>{JSON.stringify(finished.params)}</code>.
              </p>
            </section>
          )}
        </>
      )}
    </details>
  );
}
