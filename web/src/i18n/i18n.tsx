import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api/client';
import { createFormatter, preferredLanguage, type Formatter, type Language } from './format';

const STORAGE_KEY = 'headstamp.language';

interface I18n extends Formatter {
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    preferredLanguage(storedLanguage(), navigator.languages ?? [navigator.language]),
  );
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  // Before the children render and fetch: their requests ask for answers in this language.
  setApiLanguage(language);
  const value = useMemo<I18n>(
    () => ({
      ...createFormatter(language, navigator.languages ?? [navigator.language]),
      setLanguage(next) {
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Private browsing: the choice lasts for this page only.
        }
        setLanguageState(next);
      },
    }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
