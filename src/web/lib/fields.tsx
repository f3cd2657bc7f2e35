import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Native form controls for both apps: fast with the keyboard (type-ahead in selects), labelled,
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

export function TextField({ id, label, error, hint, qa, value, onChange, type = 'text', inputMode, autoComplete, multiline, required, maxLength, rows = 3 }: Base & {
  value: string; onChange: (v: string) => void; type?: string; inputMode?: 'numeric' | 'tel' | 'email' | 'text'; autoComplete?: string;
  multiline?: boolean; required?: boolean; maxLength?: number; rows?: number;
}) {
  const common = {
    id, value, required, maxLength, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, error, hint), 'data-qa': qa ?? id,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline
        ? <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
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
          <input type="radio" id={`${id}-${o.value}`} name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} data-qa={`${id}-${o.value}`}
            aria-invalid={error ? true : undefined} /> {o.label}
        </label>
      ))}
      {error && <span id={`${id}-error`} className="error" data-qa={`${id}-error`}>{error}</span>}
    </fieldset>
  );
}

/** One checkbox with its own label (a consent, a confirmation), its error tied to it. */
export function Checkbox({ id, label, checked, onChange, error }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; error?: string }) {
  return (
    <div className="field checkbox">
      <label htmlFor={id}>
        <input type="checkbox" id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} data-qa={id}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} /> {label}
      </label>
      {error && <span id={`${id}-error`} className="error" data-qa={`${id}-error`}>{error}</span>}
    </div>
  );
}

/** One entry of an error summary: the field's id to focus, the field's name and what is wrong with it. */
export interface SummaryEntry { id: string; text: string; label?: string; onClick?: () => void }

/**
 * A form's field errors as summary entries, in the form's order: `fields` maps each error key (the
 * API's field path or the form's own) to the control's id and its visible label, so each entry
 * reads "Puhelinnumero: Puhelinnumero ei ole oikein" and leads to that control. An error key the
 * form does not know is still listed (with its text only), never dropped.
 */
export function summaryEntries(errors: Record<string, string | undefined>, fields: Record<string, { id: string; label: string }>, fallbackId = 'main'): SummaryEntry[] {
  const order = Object.keys(fields);
  return Object.entries(errors)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .sort(([a], [b]) => (order.indexOf(a) === -1 ? 1e9 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 1e9 : order.indexOf(b)))
    .map(([key, text]) => ({ id: fields[key]?.id ?? fallbackId, label: fields[key]?.label, text }));
}

/** "Puhelinnumero: Puhelinnumero ei ole oikein"; a label that is a question keeps its own mark: "Mistä olet huolissasi? Pakollinen tieto". */
export function entryText(e: SummaryEntry): string {
  if (!e.label || e.text.startsWith(e.label)) return e.text;
  return /[?:]$/.test(e.label) ? `${e.label} ${e.text}` : `${e.label}: ${e.text}`;
}

/**
 * The errors of a form at its top, each a link to its field (GOV.UK pattern) that names the field
 * ("Puhelinnumero: …"); following a link (click, Enter) moves the focus to the field. The summary
 * takes the focus when it appears, so a screen reader announces what to fix.
 */
export function ErrorSummary({ title, errors, qa = 'error-summary' }: { title: string; errors: SummaryEntry[]; qa?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.id}:${e.text}`).join('|');
  useEffect(() => { if (signature) ref.current?.focus(); }, [signature]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} data-qa={qa}>
      <h2>{title}</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.id}:${e.text}`}>
            <a href={`#${e.id}`} data-qa={`${qa}-link`} data-field={e.id} onClick={(ev) => {
              ev.preventDefault();
              if (e.onClick) { e.onClick(); return; }
              const field = document.getElementById(e.id);
              field?.scrollIntoView({ block: 'center' });
              field?.focus();
            }}>{entryText(e)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ kind = 'info', children, qa }: { kind?: 'info' | 'error' | 'success'; children: ReactNode; qa?: string }) {
  return <p className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-qa={qa}>{children}</p>;
}
