/** The circle's agreements as a numbered list, one agreement per line of their text. */
import { agreementLines } from '../../../../shared/notebook/agreementsTemplate';

/** Props of {@link AgreementList}. */
export interface AgreementListProps {
  text: string;
  /** Names the list for assistive technology. */
  label: string;
  /** Large on the gate; regular in the circle's About dialog and the editor's preview. */
  size?: 'large' | 'regular';
}

/** Shows agreements numbered, in the reading font. */
export function AgreementList({ text, label, size = 'regular' }: AgreementListProps) {
  return (
    <ol className={`agreement-list agreement-list--${size}`} aria-label={label}>
      {agreementLines(text).map((line, index) => (
        <li key={index} className="agreement-list__item">
          {line}
        </li>
      ))}
    </ol>
  );
}
