/** Known errors as the API shows them: the stored documents without their storage fields. */
import type { TKnownError, TKnownErrorVersion } from '../api/known-errors.schemas.js';
import type { KnownErrorSnapshot, KnownErrorVersion } from './known-error.js';

type Stored<T> = T & { _etag?: unknown; _ts?: unknown };

export function toKnownErrorDto(ke: Stored<KnownErrorSnapshot>): TKnownError {
  const { knownErrorId: _k, docType: _d, _etag, _ts, ...dto } = ke;
  return { ...dto, errorCodes: [...dto.errorCodes], ciIds: [...dto.ciIds], serviceIds: [...dto.serviceIds] };
}

export function toVersionDto(v: Stored<KnownErrorVersion>): TKnownErrorVersion {
  const { id: _i, knownErrorId: _k, docType: _d, _etag, _ts, ...dto } = v;
  return { ...dto, errorCodes: [...dto.errorCodes], ciIds: [...dto.ciIds], serviceIds: [...dto.serviceIds] };
}
