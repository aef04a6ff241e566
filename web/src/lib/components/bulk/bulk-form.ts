/** The bulk bar's choices, the action each one becomes, and where a running job's id is kept. */
import type { TBulkAction, TBulkJob } from '$shared/api/bulk.schemas';

export const BULK_CHOICES = [
  { value: 'status', label: 'Set status' },
  { value: 'priority', label: 'Set priority (impact × urgency)' },
  { value: 'team', label: 'Move to team' },
  { value: 'tags', label: 'Add or remove tags' },
  { value: 'note', label: 'Add an internal note' },
  { value: 'macro', label: 'Reply with a macro' },
  { value: 'accept', label: 'Accept (unowned, for me)' },
  { value: 'transfer', label: 'Transfer to…' },
  { value: 'merge', label: 'Merge into…' },
] as const;
export type BulkChoice = (typeof BULK_CHOICES)[number]['value'];

export interface BulkForm {
  choice: BulkChoice;
  status: string;
  reason: string;
  impact: string;
  urgency: string;
  teamId: string;
  addTags: string;
  removeTags: string;
  note: string;
  macroId: string;
  toAgentId: string;
  /** The ticket the selected ones are merged into (its number or id). */
  mergeInto: string;
  mergeAssists: 'move' | 'withdraw';
}

export const emptyBulkForm = (): BulkForm => ({
  choice: 'status',
  status: 'resolved',
  reason: '',
  impact: '3',
  urgency: '3',
  teamId: '',
  addTags: '',
  removeTags: '',
  note: '',
  macroId: '',
  toAgentId: '',
  mergeInto: '',
  mergeAssists: 'move',
});

const list = (text: string): string[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
const level = (v: string): 1 | 2 | 3 => (v === '1' ? 1 : v === '2' ? 2 : 3);

/** The action, or why the form is not complete yet. */
export function bulkAction(f: BulkForm): TBulkAction | string {
  switch (f.choice) {
    case 'status':
      return { type: 'status', status: f.status as never, ...(f.reason.trim() ? { reason: f.reason.trim() } : {}) };
    case 'priority':
      return { type: 'priority', impact: level(f.impact), urgency: level(f.urgency) };
    case 'team':
      return { type: 'team', teamId: f.teamId || null };
    case 'tags': {
      const add = list(f.addTags);
      const remove = list(f.removeTags);
      return add.length + remove.length > 0 ? { type: 'tags', add, remove } : 'Name a tag to add or remove.';
    }
    case 'note':
      return f.note.trim() ? { type: 'note', body: f.note.trim() } : 'Write the note.';
    case 'macro':
      return f.macroId ? { type: 'macro', macroId: f.macroId } : 'Pick a macro.';
    case 'accept':
      return { type: 'accept' };
    case 'transfer':
      if (!f.toAgentId) return 'Pick the agent.';
      return f.reason.trim()
        ? { type: 'transfer', toAgentId: f.toAgentId, reason: f.reason.trim() }
        : 'A transfer needs a reason.';
    case 'merge':
      return f.mergeInto.trim()
        ? { type: 'merge', into: f.mergeInto.trim().toUpperCase(), assists: f.mergeAssists }
        : 'Name the ticket to merge into.';
  }
}

export const JOB_KEY = 'itil-next.bulk-job';

export const jobSummary = (job: TBulkJob): string =>
  job.state === 'finished'
    ? `Done: ${job.done} of ${job.total} changed, ${job.refused} refused.`
    : `Working: ${job.done + job.refused} of ${job.total} handled (${job.refused} refused so far).`;
