/** The API shape of a CI and a relation: the stored documents without storage bookkeeping. */
import type { TCi } from '../../../shared/api/cmdb.schemas.js';
import type { CiSnapshot } from '../../../shared/cmdb/ci.js';
import type { RelationView } from '../../../shared/cmdb/cmdb-use-cases.js';

export const toCiDto = ({
  docType: _d,
  ciId: _c,
  nameKey: _n,
  assetTagKey: _a,
  lastSeq: _s,
  ...dto
}: CiSnapshot): TCi => dto as TCi;

export const toRelationDto = ({ relation, direction, label, other }: RelationView) => ({
  id: relation.id,
  type: relation.type,
  fromId: relation.fromId,
  toId: relation.toId,
  direction,
  label,
  other,
  source: relation.source,
  createdAt: relation.createdAt,
});
