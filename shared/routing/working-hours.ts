/**
 * An agent's working hours (issue 19): an SLA calendar the agent's admin picks (the same calendars
 * the SLA engine counts in, as ServiceNow's schedules serve both), honoured by routing: outside
 * them an agent is offered nothing, as when offline. No calendar: always working. A calendar that
 * is gone since counts as none, so a deleted calendar never stops a desk from getting tickets.
 */
import type { AgentSnapshot } from '../directory/agent.js';
import { isBusinessTime } from '../sla/business-time.js';
import type { TCalendar } from '../sla/calendar.js';

export type CalendarLookup = (id: string) => Promise<TCalendar | undefined>;

export const workingHours =
  (calendar: CalendarLookup) =>
  async (agent: AgentSnapshot, at: Date): Promise<boolean> => {
    if (!agent.workingCalendarId) return true;
    const found = await calendar(agent.workingCalendarId);
    return found ? isBusinessTime(found, at) : true;
  };
