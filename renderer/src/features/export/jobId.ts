/** Ids for export jobs: random, so progress events are matched to the right dialog. */
import { toBase64Url } from '../../../../shared/crypto/base64url';
import { randomBytes } from '../../../../shared/crypto/random';

/** A new export job id. */
export function newJobId(): string {
  return toBase64Url(randomBytes(12));
}
