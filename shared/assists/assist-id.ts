/**
 * Assist ids embed their work item's id (`<workItemId>.a<seq>`), so `/api/assists/{id}` finds the
 * item's partition without a cross-partition lookup. The seq is the item's timeline seq of the
 * request, unique per item. Work-item ids start with their practice's prefix (`t_`, `chg_`, `prb_`).
 */
export const assistIdFor = (workItemId: string, seq: number): string => `${workItemId}.a${seq}`;

const ASSIST_ID = /^((?:t|chg|prb)_[A-Za-z0-9]{1,64})\.a[0-9]{1,9}$/;

/** The work item's id inside an assist id, or undefined when the id is not one of ours. */
export const workItemIdOfAssist = (assistId: string): string | undefined => ASSIST_ID.exec(assistId)?.[1];

/** The ticket id inside an assist id, or undefined when the id is not one of a ticket's assists. */
export const ticketIdOfAssist = (assistId: string): string | undefined => {
  const id = workItemIdOfAssist(assistId);
  return id?.startsWith('t_') ? id : undefined;
};
