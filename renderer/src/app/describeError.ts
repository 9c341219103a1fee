/** Turns an error from the store or the bridge into plain words for a member. */
import type { TFunction } from 'i18next';
import { HearthError } from '../../../shared/ipc/errors';

/** A sentence a member can read about what went wrong. */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof HearthError) return t(`errors.${error.kind}`);
  return t('errors.internal');
}
