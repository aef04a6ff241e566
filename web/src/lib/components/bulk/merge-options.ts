/** What a merge does with the duplicate's open assists, in words (the bulk bar and the ticket's merge dialog). */
export const MERGE_ASSIST_OPTIONS = [
  { value: 'move', label: 'Move them to the target (asked again there)' },
  { value: 'withdraw', label: 'Withdraw them' },
];
