/**
 * `aChange('normal').ownedBy('alice').inState('authorize').approved().build()`: a change as if
 * loaded from the store (no pending changes), so a test sees only what the method under test
 * records. The builder writes snapshots directly and does not check the domain rules.
 */
import { Change } from '../../shared/changes/change.js';
import type { ChangeRisk } from '../../shared/changes/change-risk.js';
import type { ChangeState, ChangeType } from '../../shared/changes/change-state.js';
import type { ChangeSnapshot } from '../../shared/changes/change-types.js';
import { T0 } from './time-and-ids.js';

const HOUR = 3_600_000;

export const aLowRisk = (): ChangeRisk => ({
  level: 'low',
  questionnaireLevel: 'low',
  ruleLevel: 'low',
  points: 0,
  answers: {},
  reasons: [],
});

export class ChangeBuilder {
  private fields: ChangeSnapshot;

  constructor(type: ChangeType) {
    const at = T0.toISOString();
    this.fields = {
      id: 'chg_change1',
      changeId: 'chg_change1',
      docType: 'change',
      number: 'CHG-1001',
      type,
      state: 'new',
      title: 'Patch the SQL cluster',
      description: 'Monthly cumulative update.',
      justification: 'Security fixes',
      implementationPlan: 'Fail over, patch, fail back',
      backoutPlan: 'Uninstall the update',
      testPlan: 'Run the smoke tests',
      requester: { email: 'rita@demo.local', name: 'Rita', agentId: 'rita' },
      teamId: null,
      templateId: type === 'standard' ? 'tpl_patch' : null,
      affectedCiIds: ['ci_sql1'],
      plannedStart: null,
      plannedEnd: null,
      actualStart: null,
      actualEnd: null,
      risk: null,
      approval: type === 'standard' ? 'not_required' : 'pending',
      closeCode: null,
      closeNotes: null,
      ownerId: null,
      createdBy: { kind: 'agent', agentId: 'rita' },
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      lastSeq: 1,
      openAssistCount: 0,
    };
  }

  ownedBy(agentId: string): this {
    return this.with({ ownerId: agentId });
  }

  inState(state: ChangeState): this {
    return this.with({ state });
  }

  /** A window of two hours starting a day after T0. */
  planned(start = new Date(T0.getTime() + 24 * HOUR), hours = 2): this {
    return this.with({
      plannedStart: start.toISOString(),
      plannedEnd: new Date(start.getTime() + hours * HOUR).toISOString(),
    });
  }

  assessed(risk: ChangeRisk = aLowRisk()): this {
    return this.with({ risk });
  }

  approved(): this {
    return this.with({ approval: 'approved' });
  }

  with(fields: Partial<ChangeSnapshot>): this {
    this.fields = { ...this.fields, ...fields };
    return this;
  }

  build(): Change {
    return Change.fromSnapshot(this.fields);
  }
}

export const aChange = (type: ChangeType = 'normal'): ChangeBuilder => new ChangeBuilder(type);
