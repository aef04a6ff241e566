/**
 * The test action of the generic email action (ADR 0015): an approval record that is decided
 * once (approve or reject), kept in memory. Change management will plug its own handler in; the
 * end-to-end tests plug this one in through `CompositionOverrides.emailActionHandlers`.
 */
import type { EmailActionHandler, EmailActionResult } from '../../shared/mail/expert/email-actions.js';

export interface TestApproval {
  readonly id: string;
  state: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  reason: string | null;
  decisions: number;
}

export class TestApprovals implements EmailActionHandler {
  readonly kind = 'test.approval';
  readonly records = new Map<string, TestApproval>();

  create(id: string): TestApproval {
    const record: TestApproval = { id, state: 'pending', decidedBy: null, reason: null, decisions: 0 };
    this.records.set(id, record);
    return record;
  }

  async perform(input: Parameters<EmailActionHandler['perform']>[0]): Promise<EmailActionResult> {
    const record = this.records.get(input.recordId);
    if (!record || (input.action !== 'approve' && input.action !== 'reject')) return 'not-allowed';
    // Checked and set in one turn of the event loop: decided exactly once.
    if (record.state !== 'pending') return 'already-decided';
    record.state = input.action === 'approve' ? 'approved' : 'rejected';
    record.decidedBy = input.by.address;
    record.reason = input.reason || null;
    record.decisions++;
    return 'done';
  }
}
