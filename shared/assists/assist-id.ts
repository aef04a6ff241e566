/**
 * Assist ids embed their ticket id (`<ticketId>.a<seq>`), so `/api/assists/{id}` finds the
 * ticket's partition without a cross-partition lookup. The seq is the ticket timeline seq of
 * the request, unique per ticket.
 */
export const assistIdFor = (ticketId: string, seq: number): string => `${ticketId}.a${seq}`;

/** The ticket id inside an assist id, or undefined when the id is not one of ours. */
export const ticketIdOfAssist = (assistId: string): string | undefined => {
  const match = /^(t_[A-Za-z0-9]{1,64})\.a[0-9]{1,9}$/.exec(assistId);
  return match?.[1];
};
