import { useId, type ReactNode } from 'react';
import type { ParamProblem } from '@site/examples/lab/experiment/cli-params';
import type { ParamControl } from '@site/examples/lab/experiment/param-controls';
import styles from './styles.module.css';

/** One labelled control for one parameter, with what it accepts and, after a refused run, why. */
export function ParamField({
  control,
  value,
  problems,
  disabled,
  onChange,
}: {
  control: ParamControl;
  value: string;
  problems: readonly ParamProblem[];
  disabled: boolean;
  onChange: (value: string) => void;
}): ReactNode {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = problems.length > 0;
  const describedBy = invalid ? `${hintId} ${errorId}` : hintId;
  const common = { id, name: control.name, disabled, 'aria-describedby': describedBy, 'aria-invalid': invalid || undefined };
  let input: ReactNode;
  if (control.kind === 'boolean') {
    input = <input {...common} type="checkbox" checked={value === 'true'} onChange={(event) => onChange(String(event.target.checked))} />;
  } else if (control.kind === 'choice') {
    input = (
      <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
        {control.options?.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    );
  } else if (control.kind === 'number') {
    input = <input {...common} type="number" inputMode="decimal" min={control.min} max={control.max} step={control.integer ? 1 : 'any'} value={value} onChange={(event) => onChange(event.target.value)} />;
  } else {
    input = <input {...common} type="text" inputMode={control.options ? undefined : "numeric"} value={value} onChange={(event) => onChange(event.target.value)} />;
  }
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{control.label}</label>
      {input}
      <small id={hintId}>{control.accepts}</small>
      {invalid && (
        <small id={errorId} className={styles.error}>
          {problems.map((problem) => (problem.item === undefined ? problem.message : `item ${Number(problem.item) + 1}: ${problem.message}`)).join('; ')}
        </small>
      )}
    </div>
  );
}
