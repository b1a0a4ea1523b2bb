import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** The control itself; given the id, and described by the hint and the error. */
  children(props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }): ReactNode;
  wide?: boolean;
  /** The hint changes as one types (what was understood): read out when it does. */
  live?: boolean;
  /** A class for the hint, e.g. to set apart what was understood from a hint on the form. */
  hintClass?: string | undefined;
}

/** A labelled control with its hint and, after a failed save, what was wrong with it. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
  wide = false,
  live = false,
  hintClass,
}: FieldProps) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${wide ? ' wide' : ''}${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span
          id={`${id}-hint`}
          className={hintClass ? `hint ${hintClass}` : 'hint'}
          aria-live={live ? 'polite' : undefined}
        >
          {hint}
        </span>
      )}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
