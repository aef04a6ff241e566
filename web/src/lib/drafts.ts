/** Composer drafts kept in localStorage until sent, so a reload or a crash loses nothing. */
const key = (ticketId: string, kind: string) => `itil-next.draft.${ticketId}.${kind}`;

export function loadDraft(ticketId: string, kind: string): string {
  try {
    return localStorage.getItem(key(ticketId, kind)) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(ticketId: string, kind: string, text: string): void {
  try {
    if (text.trim() === '') localStorage.removeItem(key(ticketId, kind));
    else localStorage.setItem(key(ticketId, kind), text);
  } catch {
    // storage full or blocked: the draft only lives in memory then
  }
}

export const clearDraft = (ticketId: string, kind: string): void => saveDraft(ticketId, kind, '');
