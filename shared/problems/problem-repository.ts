/**
 * The Problem aggregate on the DocumentStore port, in the `problems` container with one partition
 * per problem: the kernel's repository (load with assists, atomic save batch, timeline) plus the
 * problem lists.
 */
import type { Condition, DocumentStore, Page, StoredDocument } from '../ports/document-store.js';
import type { Priority } from '../tickets/priority.js';
import { WorkItemRepository } from '../work-items/work-item-repository.js';
import { Problem } from './problem.js';
import type { ProblemState } from './problem-state.js';
import type { ProblemSnapshot } from './problem-types.js';

export type StoredProblem = ProblemSnapshot & StoredDocument;

export interface ProblemListQuery {
  readonly state?: readonly ProblemState[];
  readonly priority?: Priority;
  readonly ownerId?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export class ProblemRepository extends WorkItemRepository<ProblemSnapshot, Problem, 'problemId'> {
  constructor(store: DocumentStore) {
    super(store, { container: 'problems', key: 'problemId', docType: 'problem', fromSnapshot: Problem.fromSnapshot });
  }

  /** Problems newest first, by state, priority or owner. */
  list(query: ProblemListQuery): Promise<Page<StoredProblem>> {
    const where: Condition[] = [{ field: 'docType', op: 'eq', value: 'problem' }];
    if (query.state) where.push({ field: 'state', op: 'in', values: query.state });
    if (query.priority) where.push({ field: 'priority', op: 'eq', value: query.priority });
    if (query.ownerId) where.push({ field: 'ownerId', op: 'eq', value: query.ownerId });
    return this.store.query<StoredProblem>('problems', {
      where,
      orderBy: [{ field: 'updatedAt', direction: 'desc' }],
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
  }
}
