/** The author's "Keep out of exports" choice, on a draft or a shared entry. */
import { useTranslation } from 'react-i18next';

/** A checkbox: checked keeps the entry out of every export. */
export function KeepOutOfExports({
  exportable,
  onChange,
}: {
  exportable: boolean;
  onChange: (exportable: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="choice">
      <input
        type="checkbox"
        checked={!exportable}
        onChange={(event) => onChange(!event.target.checked)}
      />
      <span>{t('consent.keepOutOfExports')}</span>
    </label>
  );
}
