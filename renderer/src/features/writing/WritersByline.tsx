/** An entry's byline where several wrote: "Ana with Ben and Cat". */
import { useTranslation } from 'react-i18next';

/** Props of {@link WritersByline}. */
export interface WritersBylineProps {
  author: string;
  coWriters: readonly string[];
}

/** The byline's words. */
export function WritersByline({ author, coWriters }: WritersBylineProps) {
  const { t, i18n } = useTranslation();
  if (coWriters.length === 0) return <>{author}</>;
  const others = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' }).format(
    coWriters,
  );
  return <>{t('writing.byline', { author, others })}</>;
}
