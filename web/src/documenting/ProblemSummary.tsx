import type { Ref } from 'react';
import { useI18n } from '../i18n/i18n';

export interface Problem {
  /** The control to go to: an element id. */
  target: string;
  text: string;
}

/** Every problem of a form at once, above it, each a link to its control (focused by the caller). */
export function ProblemSummary({ problems, ref }: { problems: Problem[]; ref: Ref<HTMLDivElement> }) {
  const { t } = useI18n();
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="problems-title">
      <h2 id="problems-title">{t('form.problems', { count: problems.length })}</h2>
      <ul>
        {problems.map((p) => (
          <li key={`${p.target} ${p.text}`}>
            <a
              href={`#${p.target}`}
              onClick={(e) => {
                // To the control itself, its label in view: what a fragment alone does not do.
                const control = document.getElementById(p.target);
                if (!control) return;
                e.preventDefault();
                control.focus();
                (control.closest('.field, li') ?? control).scrollIntoView({ block: 'center' });
              }}
            >
              {p.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
