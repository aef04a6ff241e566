/**
 * An assist OLA as its form edits it and back: no team means the default OLA (any expert team
 * without its own), thresholds are a comma text. Odd input is left for the API's 422 to explain.
 */
import type { TSlaOla } from '$shared/sla-engine/sla-config';
import { commaList } from '../sla-admin';

export interface OlaForm {
  id: string;
  name: string;
  /** '' = the default OLA. */
  teamId: string;
  answerWithinMinutes: string;
  calendarId: string;
  warningThresholds: string;
}

export const blankOla = (calendarId: string): TSlaOla => ({
  id: '',
  name: '',
  answerWithinMinutes: 240,
  calendarId,
  warningThresholds: [75],
});

export const toOlaForm = (o: TSlaOla): OlaForm => ({
  id: o.id,
  name: o.name,
  teamId: o.teamId ?? '',
  answerWithinMinutes: String(o.answerWithinMinutes),
  calendarId: o.calendarId,
  warningThresholds: o.warningThresholds.join(', '),
});

export const fromOlaForm = (f: OlaForm): TSlaOla => ({
  id: f.id,
  name: f.name,
  ...(f.teamId ? { teamId: f.teamId } : {}),
  answerWithinMinutes: Number(f.answerWithinMinutes.trim()),
  calendarId: f.calendarId,
  warningThresholds: commaList(f.warningThresholds).map(Number),
});
