/**
 * Public holidays by country and region (issue 19): what an admin adds to an SLA calendar, shown
 * in the calendar editor before saving. Nothing is added on its own: the calendar keeps its own
 * list (sla/calendar.ts), so a rule change in a holiday library never moves a stored due time.
 */
export interface HolidayCountry {
  readonly code: string;
  readonly name: string;
  readonly regions: readonly { readonly code: string; readonly name: string }[];
}

export interface PublicHoliday {
  /** The local date, YYYY-MM-DD. */
  readonly date: string;
  readonly name: string;
}

export interface PublicHolidays {
  countries(): readonly HolidayCountry[];
  /** The public holidays of the years from..to (at most 5); undefined for an unknown country or region. */
  holidays(country: string, region: string | undefined, fromYear: number, toYear: number): PublicHoliday[] | undefined;
}
