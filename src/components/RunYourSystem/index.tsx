import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import type { SystemRunMessage, SystemRunRequest } from '@site/examples/lab/system-run/browser-system-run';
import { cutNamesOf, loadReferenceSystem, referenceSystemNames, type SystemFileText } from '@site/examples/lab/system-run/system-choices';
import ResultPlotView from '../ResultPlotView';
import ResultTable from '../ResultTable';
import styles from './styles.module.css';

/** A run in the page never takes longer than this: the worker is stopped and the reader told why. */
const maxRunSeconds = 60;
/** The reference system picked when the panel opens: small, so that a first run takes seconds. */
const firstChoice = 'shop';
/** The value of the choice "a file you paste", which no reference system's name can take (names are lowercase words joined by hyphens). */
const pasted = '(pasted)';

type Finished = Extract<SystemRunMessage, { type: 'finished' }>;
type Invalid = Extract<SystemRunMessage, { type: 'invalid' }>;

function startWorker(): Worker {
  return new Worker(new URL('../../workers/system-run.worker.ts', import.meta.url), { type: 'module', name: 'system-run' });
}

/** Where the figures of the run come from: this browser, on this machine, with its timers. */
function browserStamp(): string {
  const cores = navigator.hardwareConcurrency ? `${navigator.hardwareConcurrency} logical cores` : 'unknown cores';
  const timers = globalThis.crossOriginIsolated
    ? 'fine-grained timers'
    : 'timers rounded by the browser (to 100 µs in Chromium, as this page is not cross-origin isolated): per-request percentiles are coarse, rates over many requests are not';
  return `${navigator.userAgent} · ${cores} · ${timers}`;
}

/** The command that makes the same run on the reader's machine. */
function commandLine(file: string | null, cuts: readonly string[]): string {
  return `npm run lab -- run --system ${file ?? 'my-system.json'} --transport memory --quick --cuts ${cuts.join(',')}`;
}

/**
 * "Run your own system": pick a reference system or paste a system file, choose its cuts, and run
 * them in a Web Worker on the memory transport, as `npm run lab -- run --transport memory --quick`
 * does, with the same table and a plot per figure. A malformed file is refused with each field by
 * its path, in the command line's words. Nothing is loaded until the panel is opened, and the worker
 * starts on the first run; a run is cancelled by terminating the worker, and stopped after a time
 * limit. Nothing leaves the tab.
 *
 * @example
 * ```mdx
 * <RunYourSystem />
 * ```
 */
export default function RunYourSystem(): ReactNode {
  const worker = useRef<Worker | null>(null);
  const deadline = useRef<ReturnType<typeof setTimeout> | null>(null);
  const references = useRef(new Map<string, SystemFileText>());
  const [choice, setChoice] = useState(firstChoice);
  // The choice a reference system's file is shown for: one that arrives after the reader picked another is cached, not shown.
  const latestChoice = useRef(firstChoice);
  const [reference, setReference] = useState<SystemFileText | null>(null);
  const [text, setText] = useState('');
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [running, setRunning] = useState(false);
  const [status, setStatus] = useState('');
  const [invalid, setInvalid] = useState<Invalid | null>(null);
  const [finished, setFinished] = useState<(Finished & { stamp: string; command: string }) | null>(null);
  const ids = useId();
  // The file the command line would be given for the run under way: a reference system's path, or none for a pasted file.
  const requestedFile = useRef<string | null>(null);

  const cuts = choice === pasted ? cutNamesOf(text) : reference ? cutNamesOf(reference.text) : [];
  const chosenCuts = cuts.filter((cut) => !unchecked.has(cut));

  /** Loads a reference system's file (its own chunk, once) and shows its cuts. */
  const pick = (name: string) => {
    setChoice(name);
    latestChoice.current = name;
    setUnchecked(new Set());
    if (name === pasted) {
      // A pasted file starts as a copy of the system last picked, for the reader to change or replace.
      if (text === '' && reference) setText(reference.text);
      return;
    }
    const known = references.current.get(name);
    setReference(known ?? null);
    if (known) return;
    loadReferenceSystem(name).then(
      (loaded) => {
        references.current.set(name, loaded);
        if (latestChoice.current === name) setReference(loaded);
      },
      (error: unknown) => setStatus(`Could not load ${name}: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

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
    started.addEventListener('message', (event: MessageEvent<SystemRunMessage>) => {
      const message = event.data;
      if (message.type === 'progress') {
        setStatus(`Step ${message.step}: ${message.label}…`);
      } else if (message.type === 'invalid') {
        if (deadline.current) clearTimeout(deadline.current);
        setInvalid(message);
        setRunning(false);
        setStatus(message.problems.length > 0 ? `Not run: the file has ${message.problems.length} problem${message.problems.length === 1 ? '' : 's'}, listed below.` : `Not run: ${message.message}`);
      } else if (message.type === 'finished') {
        if (deadline.current) clearTimeout(deadline.current);
        setFinished({ ...message, stamp: browserStamp(), command: commandLine(requestedFile.current, message.cuts) });
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

  useEffect(() => () => worker.current?.terminate(), []);

  const open = (isOpen: boolean) => {
    if (isOpen && !reference && choice !== pasted) pick(choice);
  };

  const run = (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    const request: SystemRunRequest = { system: choice === pasted ? { text } : { reference: choice }, cuts: chosenCuts };
    requestedFile.current = choice === pasted ? null : `examples/systems/${choice}.json`;
    setInvalid(null);
    setFinished(null);
    setRunning(true);
    setStatus('Starting…');
    connect().postMessage(request);
    deadline.current = setTimeout(() => stop(`Stopped after ${maxRunSeconds} s, the limit for a run in the page. Choose fewer cuts or a smaller system, or run it on your machine.`), maxRunSeconds * 1000);
  };

  const toggle = (cut: string, checked: boolean) =>
    setUnchecked((current) => {
      const next = new Set(current);
      if (checked) next.delete(cut);
      else next.add(cut);
      return next;
    });

  return (
    <details className={styles.panel} onToggle={(event) => open((event.currentTarget as HTMLDetailsElement).open)}>
      <summary className={styles.summary}>Set up a run of a system in your browser</summary>
      <form onSubmit={run} className={styles.form} aria-label="A system to run in this tab">
        <div className={styles.field}>
          <label htmlFor={`${ids}-system`}>System</label>
          <select id={`${ids}-system`} value={choice} disabled={running} onChange={(event) => pick(event.target.value)}>
            {referenceSystemNames.map((name) => (
              <option key={name} value={name}>
                {name} (reference system)
              </option>
            ))}
            <option value={pasted}>a system file you paste</option>
          </select>
        </div>
        {choice === pasted && (
          <div className={styles.field}>
            <label htmlFor={`${ids}-file`}>Your system file (JSON)</label>
            <textarea
              id={`${ids}-file`}
              className={styles.file}
              value={text}
              rows={14}
              spellCheck={false}
              disabled={running}
              aria-describedby={`${ids}-file-hint`}
              aria-invalid={invalid !== null && invalid.problems.length > 0}
              onChange={(event) => setText(event.target.value)}
            />
            <small id={`${ids}-file-hint`}>
              The format of <code>examples/systems/*.json</code> (<Link to="/docs/systems/describe-your-own-system">Describe your own system</Link>). It starts as a
              copy of the system picked last: change it, or paste yours over it.
            </small>
          </div>
        )}
        <fieldset className={styles.cuts} disabled={running}>
          <legend>Cuts to run</legend>
          {cuts.length === 0 ? (
            <p>Loading {choice}…</p>
          ) : (
            cuts.map((cut) => (
              <label key={cut} className={styles.cut}>
                <input type="checkbox" checked={!unchecked.has(cut)} onChange={(event) => toggle(cut, event.target.checked)} /> {cut}
              </label>
            ))
          )}
        </fieldset>
        <div className={styles.buttons}>
          <button type="submit" className="button button--primary" disabled={running || cuts.length === 0}>
            Run in this tab
          </button>
          <button type="button" className="button button--secondary" disabled={!running} onClick={() => stop('Cancelled.')}>
            Cancel
          </button>
        </div>
      </form>
      <p role="status" aria-live="polite" className={styles.status}>
        {status}
      </p>
      {invalid && invalid.problems.length > 0 && (
        <div className={styles.problems}>
          <p>
            <strong>{invalid.message}</strong>
          </p>
          <ul>
            {invalid.problems.map((problem) => (
              <li key={problem}>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {finished && (
        <section aria-label="Results of your run" className={styles.results}>
          <p>
            <strong>{finished.summary}</strong>
          </p>
          <p className={styles.small}>{finished.heading}</p>
          {finished.plots.map((plot) => (
            <ResultPlotView key={plot.title} plot={plot} />
          ))}
          {/* Saved under a name of its own, so that a reader's run is not taken for a published figure. */}
          <ResultTable table={finished.table} fileStem={`${finished.system}-browser-run`} />
          <ul className={styles.small}>
            {finished.footnotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <p className={styles.small}>
            Measured in this tab in {finished.seconds} s: {finished.stamp}. The same run on your machine: <code>{finished.command}</code>
          </p>
        </section>
      )}
    </details>
  );
}
