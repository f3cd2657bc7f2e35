import type { ReactNode } from 'react';

/**
 * Native form controls for the staff app: fast with the keyboard (type-ahead in selects), labelled,
 * and with their error message tied to the control (aria-invalid + aria-describedby).
 */
interface Base { id: string; label: string; error?: string; hint?: string; qa?: string }

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Messages({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
      {error && <span id={`${id}-error`} className="error" data-qa={`${id}-error`}>{error}</span>}
    </>
  );
}

export function SelectField({ id, label, error, hint, qa, value, onChange, options, empty, required, autoFocus }: Base & {
  value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; empty?: string; required?: boolean; autoFocus?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required} autoFocus={autoFocus}
        aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} data-qa={qa ?? id}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextField({ id, label, error, hint, qa, value, onChange, type = 'text', inputMode, autoComplete, multiline, required, maxLength }: Base & {
  value: string; onChange: (v: string) => void; type?: string; inputMode?: 'numeric' | 'tel' | 'email' | 'text'; autoComplete?: string;
  multiline?: boolean; required?: boolean; maxLength?: number;
}) {
  const common = {
    id, value, required, maxLength, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, error, hint), 'data-qa': qa ?? id,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline
        ? <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
        : <input {...common} type={type} inputMode={inputMode} autoComplete={autoComplete ?? 'off'} onChange={(e) => onChange(e.target.value)} />}
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxGroup({ id, legend, options, values, onChange, error }: {
  id: string; legend: string; options: { value: string; label: string }[]; values: string[]; onChange: (v: string[]) => void; error?: string;
}) {
  return (
    <fieldset className="field checkboxes" aria-describedby={error ? `${id}-error` : undefined} data-qa={id}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox" value={o.value} checked={values.includes(o.value)} data-qa={`${id}-${o.value}`}
            onChange={(e) => onChange(e.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value))}
          /> {o.label}
        </label>
      ))}
      {error && <span id={`${id}-error`} className="error">{error}</span>}
    </fieldset>
  );
}

export function RadioGroup({ id, legend, options, value, onChange, error }: {
  id: string; legend: string; options: { value: string; label: string }[]; value: string; onChange: (v: string) => void; error?: string;
}) {
  return (
    <fieldset className="field radios" data-qa={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} data-qa={`${id}-${o.value}`}
            aria-invalid={error ? true : undefined} /> {o.label}
        </label>
      ))}
      {error && <span id={`${id}-error`} className="error" data-qa={`${id}-error`}>{error}</span>}
    </fieldset>
  );
}

export function Notice({ kind = 'info', children, qa }: { kind?: 'info' | 'error' | 'success'; children: ReactNode; qa?: string }) {
  return <p className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-qa={qa}>{children}</p>;
}
