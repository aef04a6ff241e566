/** What the API shows of a problem: the stored fields without the storage bookkeeping. */
import type { TProblemRecord } from '../api/problems.schemas.js';
import type { ProblemSnapshot } from './problem-types.js';

export const toProblemDto = ({
  problemId: _p,
  docType: _d,
  lastSeq: _s,
  links,
  ...dto
}: ProblemSnapshot & { _etag?: unknown; _ts?: unknown }): TProblemRecord => {
  const { _etag, _ts, ...fields } = dto;
  return {
    ...fields,
    affectedCiIds: [...fields.affectedCiIds],
    affectedServiceIds: [...fields.affectedServiceIds],
    knownErrorIds: [...fields.knownErrorIds],
    tasks: fields.tasks.map((t) => ({ ...t })),
    rootCause: fields.rootCause ? { ...fields.rootCause } : null,
    links: [...(links ?? [])],
  };
};
