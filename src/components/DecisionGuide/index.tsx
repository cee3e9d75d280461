import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { claimById } from '@site/examples/claims/registry';
import { assumed, judgement } from '@site/examples/decision-guide/assumptions';
import { labFacts } from '@site/examples/decision-guide/facts';
import {
  choiceLabels,
  defaultProfile,
  deployFrequencies,
  profileLabels,
  trafficPatterns,
  type DeployFrequency,
  type Profile,
  type TrafficPattern,
} from '@site/examples/decision-guide/profile';
import type { parseProfile, ProfileProblem } from '@site/examples/decision-guide/profile-schema';
import { granularityLabels, recommend, type AssumptionName, type Reason, type Recommendation } from '@site/examples/decision-guide/recommend';
import styles from './styles.module.css';

/** What the form holds: numbers as typed, so that a field can be empty while the reader edits it. */
interface FormState {
  readonly teams: string;
  readonly deployFrequency: DeployFrequency;
  readonly latencyBudgetMs: string;
  readonly callDepth: string;
  readonly availabilityTarget: string;
  readonly traffic: TrafficPattern;
  readonly scaleToZeroSavingsPercent: string;
  readonly deferrableWork: boolean;
}

type NumberField = 'teams' | 'latencyBudgetMs' | 'callDepth' | 'availabilityTarget' | 'scaleToZeroSavingsPercent';

const initialForm: FormState = {
  teams: String(defaultProfile.teams),
  deployFrequency: defaultProfile.deployFrequency,
  latencyBudgetMs: String(defaultProfile.latencyBudgetMs),
  callDepth: String(defaultProfile.callDepth),
  availabilityTarget: String(defaultProfile.availabilityTarget),
  traffic: defaultProfile.traffic,
  scaleToZeroSavingsPercent: String(defaultProfile.scaleToZeroSavingsPercent),
  deferrableWork: defaultProfile.deferrableWork,
};

// An empty field is a missing number, not zero and not the default: the schema says what to enter.
const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

const toProfileInput = (form: FormState) => ({
  ...form,
  teams: asNumber(form.teams),
  latencyBudgetMs: asNumber(form.latencyBudgetMs),
  callDepth: asNumber(form.callDepth),
  availabilityTarget: asNumber(form.availabilityTarget),
  scaleToZeroSavingsPercent: asNumber(form.scaleToZeroSavingsPercent),
});

/** A number field of the form, with the bounds the browser shows (the schema enforces them). */
interface NumberFieldSpec {
  readonly field: NumberField;
  readonly hint: string;
  readonly min: number;
  readonly max: number;
  readonly step: string;
}

const numberFields: readonly NumberFieldSpec[] = [
  { field: 'teams', hint: 'Teams that change this system and would like to ship on their own.', min: 1, max: 500, step: '1' },
  { field: 'latencyBudgetMs', hint: 'What one user request may take, end to end.', min: 0.1, max: 60000, step: 'any' },
  { field: 'callDepth', hint: 'Parts (business capabilities) one request passes through, one after another, before the user has the answer.', min: 1, max: 100, step: '1' },
  { field: 'availabilityTarget', hint: 'Share of requests that must succeed, e.g. 99.9.', min: 90, max: 99.9999, step: 'any' },
  { field: 'scaleToZeroSavingsPercent', hint: 'Share of your compute bill that scaling to zero while idle would save: about the share of time your instances sit idle.', min: 0, max: 100, step: 'any' },
];

// The teams and the request first; the saving sits beside the traffic it depends on.
const requestFields = numberFields.filter((spec) => spec.field !== 'scaleToZeroSavingsPercent');
const costFields = numberFields.filter((spec) => spec.field === 'scaleToZeroSavingsPercent');

// A reason names the values it assumed in a few words, linked to the page's list of them.
const assumptionLabels: Readonly<Record<AssumptionName, string>> = Object.fromEntries(
  Object.entries({ ...assumed, ...judgement }).map(([name, value]) => [name, value.label]),
) as Record<AssumptionName, string>;

function ReasonItem({ reason, chosen }: { reason: Reason; chosen: Recommendation['granularity'] }): ReactNode {
  const claim = reason.measured && claimById(reason.measured.claimId);
  // "Rules it out" only where it did: a rule can rule out the answer given when a rule weighed before it wins.
  const rulesOut = reason.decisive && !reason.about.includes(chosen);
  return (
    <li className={styles.reason} data-claim={reason.measured?.claimId} data-rule={reason.rule}>
      <span className={reason.direction === 'for' ? styles.for : styles.against}>
        {reason.direction} {reason.about.map((answer) => granularityLabels[answer].toLowerCase()).join(', ')}
        {rulesOut ? ', rules it out' : ''}
      </span>{' '}
      {reason.text}
      {reason.measured && claim && (
        <span className={styles.figure}>
          Measured: {reason.measured.figure} (<code>{reason.measured.evidenceFile}</code>). Claim:{' '}
          <Link to={reason.measured.href}>
            “{claim.articleSays}” ({claim.id})
          </Link>
        </span>
      )}
      {reason.sources.length > 0 && (
        <span className={styles.figure}>
          Sources:{' '}
          {reason.sources.map((source, index) => (
            <span key={source.url}>
              {index > 0 ? '; ' : ''}
              {source.author}, <a href={source.url}>{source.title}</a> ({source.year})
            </span>
          ))}
          .
        </span>
      )}
      {reason.assumes.length > 0 && (
        <span className={styles.figure}>
          Assumed: <a href="#assumptions">{reason.assumes.map((name) => assumptionLabels[name]).join(', ')}</a>.
        </span>
      )}
    </li>
  );
}

function ReasonGroup({ title, reasons, chosen }: { title: string; reasons: readonly Reason[]; chosen: Recommendation['granularity'] }): ReactNode {
  if (reasons.length === 0) return null;
  return (
    <>
      <h3 className={styles.groupTitle}>{title}</h3>
      <ul className={styles.reasons}>
        {reasons.map((reason, index) => (
          <ReasonItem key={`${reason.rule}-${reason.direction}-${index}`} reason={reason} chosen={chosen} />
        ))}
      </ul>
    </>
  );
}

function Answer({ answer }: { answer: Recommendation }): ReactNode {
  const chosen = answer.granularity;
  const pick = (mine: boolean, direction: Reason['direction']) => answer.reasons.filter((r) => r.about.includes(chosen) === mine && r.direction === direction);
  return (
    <>
      <p className={styles.label} data-granularity={chosen}>
        {answer.label}
      </p>
      <p>{answer.headline}</p>
      <ReasonGroup title={`Why ${granularityLabels[chosen].toLowerCase()}`} reasons={pick(true, 'for')} chosen={chosen} />
      <ReasonGroup title="What it costs you" reasons={pick(true, 'against')} chosen={chosen} />
      <ReasonGroup title="Why not the others" reasons={pick(false, 'against')} chosen={chosen} />
      <ReasonGroup title="What speaks for the others" reasons={pick(false, 'for')} chosen={chosen} />
      <h3 className={styles.groupTitle}>Caveats</h3>
      <ul>
        {answer.caveats.map((caveat) => (
          <li key={caveat}>{caveat}</li>
        ))}
      </ul>
    </>
  );
}

function Problems({ problems }: { problems: readonly ProfileProblem[] }): ReactNode {
  return (
    <>
      <p className={styles.label}>Fix {problems.length === 1 ? 'this field' : 'these fields'} to see a recommendation</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem.field + problem.message}>{problem.message}.</li>
        ))}
      </ul>
    </>
  );
}

/**
 * The profile's validation (`profile-schema.ts`, with zod), loaded the first time the reader reaches
 * for the form (focus or press) rather than with the page: setting up zod was the largest piece of
 * this page's own work at load, and the first answer, for `defaultProfile`, needs no validating.
 * It is in a few milliseconds after the first focus, before the reader has typed; if it cannot be
 * loaded, the guide says so instead of answering and tries again at the next edit.
 */
function useProfileValidation(): { parse: typeof parseProfile | null; load: () => void; failed: boolean } {
  const [parse, setParse] = useState<typeof parseProfile | null>(null);
  const [failed, setFailed] = useState(false);
  const loading = useRef(false);
  const load = () => {
    if (loading.current) return;
    loading.current = true;
    import('@site/examples/decision-guide/profile-schema').then(
      (schema) => setParse(() => schema.parseProfile),
      () => {
        loading.current = false;
        setFailed(true);
      },
    );
  };
  return { parse, load, failed };
}

/**
 * The decision guide: a reader's situation in, a granularity and the measured reasons out. The answer
 * is computed while rendering, so the server-rendered page already holds the default profile's answer
 * and nothing moves when the page becomes interactive.
 */
export default function DecisionGuide(): ReactNode {
  const id = useId();
  const [form, setForm] = useState<FormState>(initialForm);
  const validation = useProfileValidation();
  // Until the reader edits a field the form holds `defaultProfile`, which needs no validating.
  const edited = form !== initialForm;
  const parsed = useMemo(
    () => (edited && validation.parse ? validation.parse(toProfileInput(form)) : { ok: true as const, profile: defaultProfile }),
    [edited, form, validation.parse],
  );
  // The edits cannot be checked: say so rather than show the default profile's answer for them.
  const uncheckable = edited && !validation.parse && validation.failed;
  const answer = useMemo(() => (parsed.ok ? recommend(parsed.profile, labFacts) : null), [parsed]);
  const problemOf = (field: keyof Profile) => (parsed.ok ? undefined : parsed.problems.find((p) => p.field === field)?.message);
  const set = <K extends keyof FormState>(field: K, value: FormState[K]) => {
    validation.load();
    setForm((current) => ({ ...current, [field]: value }));
  };

  // One number field: its label, its hint and, while its value is refused, what to fix.
  const numberInput = ({ field, hint, min, max, step }: NumberFieldSpec) => {
    const problem = problemOf(field);
    return (
      <div className={styles.field} key={field}>
        <label htmlFor={`${id}-${field}`}>{profileLabels[field]}</label>
        <input
          id={`${id}-${field}`}
          name={field}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={form[field]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-${field}-hint${problem ? ` ${id}-${field}-problem` : ''}`}
          onChange={(event) => set(field, event.target.value)}
        />
        <span id={`${id}-${field}-hint`} className={styles.hint}>
          {hint}
        </span>
        {problem && (
          <span id={`${id}-${field}-problem`} className={styles.problem}>
            {problem}
          </span>
        )}
      </div>
    );
  };

  return (
    <section className={styles.guide} aria-label="Decision guide">
      <form className={styles.form} onSubmit={(event) => event.preventDefault()} onFocus={validation.load} onPointerDown={validation.load} noValidate>
        {requestFields.map(numberInput)}
        <div className={styles.field}>
          <label htmlFor={`${id}-deployFrequency`}>{profileLabels.deployFrequency}</label>
          <select
            id={`${id}-deployFrequency`}
            name="deployFrequency"
            value={form.deployFrequency}
            aria-describedby={`${id}-deployFrequency-hint`}
            onChange={(event) => set('deployFrequency', event.target.value as DeployFrequency)}
          >
            {deployFrequencies.map((frequency) => (
              <option key={frequency} value={frequency}>
                {choiceLabels[frequency]}
              </option>
            ))}
          </select>
          <span id={`${id}-deployFrequency-hint`} className={styles.hint}>
            How often each team wants to ship to production.
          </span>
        </div>
        <div className={styles.checkboxField}>
          <input
            id={`${id}-deferrableWork`}
            name="deferrableWork"
            type="checkbox"
            checked={form.deferrableWork}
            aria-describedby={`${id}-deferrableWork-hint`}
            onChange={(event) => set('deferrableWork', event.target.checked)}
          />
          <label htmlFor={`${id}-deferrableWork`}>{profileLabels.deferrableWork}</label>
          <span id={`${id}-deferrableWork-hint`} className={styles.hint}>
            Emails, stock updates, analytics: work the user does not wait for, which can travel as events.
          </span>
        </div>
        <fieldset className={styles.radios}>
          <legend>{profileLabels.traffic}</legend>
          {trafficPatterns.map((pattern) => (
            <label key={pattern} className={styles.radio}>
              <input type="radio" name={`${id}-traffic`} value={pattern} checked={form.traffic === pattern} onChange={() => set('traffic', pattern)} />{' '}
              {choiceLabels[pattern]}
            </label>
          ))}
        </fieldset>
        {costFields.map(numberInput)}
      </form>
      <div className={styles.answer} aria-live="polite" data-testid="decision-guide-answer">
        <h2 className={styles.answerTitle}>Recommendation</h2>
        {uncheckable ? (
          <p className={styles.problem}>The form’s checks could not be loaded (is the network down?): edit a field to try again, or reload the page.</p>
        ) : answer ? (
          <Answer answer={answer} />
        ) : (
          <Problems problems={parsed.ok ? [] : parsed.problems} />
        )}
      </div>
    </section>
  );
}
