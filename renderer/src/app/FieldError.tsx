/**
 * What went wrong with a field or a form, in the words shown under it. By default it is
 * announced as it appears (`role="alert"`), so a screen-reader user hears it without
 * looking for it; a standing notice that is part of the page says `announce={false}`.
 */

/** Props of {@link FieldError}. */
export interface FieldErrorProps {
  /** The words to show; nothing is shown while it is null. */
  message: string | null;
  /** Inside a label or a line of text: a span, not a paragraph. */
  inline?: boolean;
  /** False for a standing notice that should not interrupt. */
  announce?: boolean;
  /** For `aria-describedby` on the field it is about. */
  id?: string;
}

/** A field's or a form's error message, or nothing. */
export function FieldError({ message, inline = false, announce = true, id }: FieldErrorProps) {
  if (message === null) return null;
  const Element = inline ? 'span' : 'p';
  return (
    <Element id={id} className="field__error" role={announce ? 'alert' : undefined}>
      {message}
    </Element>
  );
}
