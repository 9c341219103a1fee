/**
 * A gentle hint of how guessable a backup passphrase is: a rough estimate of its
 * entropy from its length and the kinds of characters in it, with a penalty for
 * repetition. A hint, not a gate; only the minimum length is enforced.
 */
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/backup/backupFile';

/** The strength steps the dialog names. */
export type PassphraseStrength = 'short' | 'weak' | 'fair' | 'good' | 'strong';

/** How strong `passphrase` looks. */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return 'short';
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/\d/.test(passphrase)) pool += 10;
  if (/[^A-Za-z0-9]/.test(passphrase)) pool += 20;
  const distinct = new Set(passphrase.toLowerCase()).size;
  // "aaaaaaaaaaaa" is long but has one character: count what varies.
  const effective = Math.min(passphrase.length, distinct * 2);
  const bits = effective * Math.log2(Math.max(pool, 2));
  if (bits < 40) return 'weak';
  if (bits < 60) return 'fair';
  if (bits < 80) return 'good';
  return 'strong';
}
