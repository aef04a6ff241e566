/**
 * `aProblem().ownedBy('alice').inState('root_cause_analysis').withRootCause().build()`: a problem
 * as if loaded from the store (no pending changes), so a test sees only what the method under test
 * records. The builder writes snapshots directly and does not check the domain rules.
 */
import { Problem } from '../../shared/problems/problem.js';
import type { ProblemState } from '../../shared/problems/problem-state.js';
import type { ProblemSnapshot } from '../../shared/problems/problem-types.js';
import type { WorkItemLink } from '../../shared/work-items/work-item-links.js';
import { T0 } from './time-and-ids.js';

export class ProblemBuilder {
  private fields: ProblemSnapshot;

  constructor() {
    const at = T0.toISOString();
    this.fields = {
      id: 'prb_problem1',
      problemId: 'prb_problem1',
      docType: 'problem',
      number: 'PRB-1001',
      state: 'new',
      title: 'VPN drops every afternoon',
      description: 'Recurring disconnects on the VPN gateway.',
      impact: 2,
      urgency: 2,
      priority: 'P3',
      teamId: null,
      affectedCiIds: ['ci_vpn1'],
      affectedServiceIds: [],
      rootCause: null,
      workaround: null,
      knownError: false,
      knownErrorIds: [],
      tasks: [],
      clusterKey: null,
      ownerId: null,
      createdBy: { kind: 'agent', agentId: 'rita' },
      createdAt: at,
      updatedAt: at,
      resolvedAt: null,
      closedAt: null,
      lastSeq: 1,
      openAssistCount: 0,
    };
  }

  ownedBy(agentId: string): this {
    return this.with({ ownerId: agentId });
  }

  inState(state: ProblemState): this {
    return this.with({ state });
  }

  withRootCause(text = 'Gateway session table fills up'): this {
    return this.with({ rootCause: { text, category: 'capacity' } });
  }

  withWorkaround(text = 'Reconnect with the backup profile'): this {
    return this.with({ workaround: text });
  }

  /** Incidents linked as symptoms (as the kernel's `has_symptom` links hold them). */
  withIncidents(...numbers: string[]): this {
    const links: WorkItemLink[] = numbers.map((number) => ({
      kind: 'has_symptom',
      practice: 'ticket',
      id: `t_${number.toLowerCase()}`,
      number,
      linkedAt: T0.toISOString(),
    }));
    return this.with({ links: [...(this.fields.links ?? []), ...links] });
  }

  with(fields: Partial<ProblemSnapshot>): this {
    this.fields = { ...this.fields, ...fields };
    return this;
  }

  build(): Problem {
    return Problem.fromSnapshot(this.fields);
  }
}

export const aProblem = (): ProblemBuilder => new ProblemBuilder();
