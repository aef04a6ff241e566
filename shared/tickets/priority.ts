/**
 * ITIL priority matrix: impact x urgency -> priority. Impact and urgency are 1 (high),
 * 2 (medium), 3 (low); the sum picks the priority so the matrix stays symmetric:
 *
 *            urgency 1  2  3
 *   impact 1      P1 P2 P3
 *   impact 2      P2 P3 P4
 *   impact 3      P3 P4 P4
 */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

const BY_SUM: Record<number, Priority> = { 2: 'P1', 3: 'P2', 4: 'P3', 5: 'P4', 6: 'P4' };

export const priorityOf = (impact: Level, urgency: Level): Priority => BY_SUM[impact + urgency] as Priority;

/** Sort rank: P1 first. */
export const priorityRank = (priority: Priority): number => PRIORITIES.indexOf(priority) + 1;
