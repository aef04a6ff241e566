/**
 * Public holidays from `date-holidays` (a maintained library with the rules of 200+ countries and
 * their regions). Only `type: public` days count: bank holidays, observances and optional days
 * are not days a service desk is closed by law. Names in English where the library has them.
 */
import Holidays, { type HolidaysTypes } from 'date-holidays';
import type { HolidayCountry, PublicHoliday, PublicHolidays } from '../../../shared/ports/public-holidays.js';

const OPTIONS: HolidaysTypes.Options = { languages: ['en'], types: ['public'] };

export class DateHolidaysSource implements PublicHolidays {
  private list: HolidayCountry[] | undefined;

  countries(): readonly HolidayCountry[] {
    this.list ??= Object.entries(new Holidays().getCountries('en'))
      .map(([code, name]) => ({
        code,
        name,
        regions: Object.entries(new Holidays().getStates(code, 'en') ?? {})
          .map(([regionCode, regionName]) => ({ code: regionCode, name: regionName }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return this.list;
  }

  holidays(country: string, region: string | undefined, fromYear: number, toYear: number): PublicHoliday[] | undefined {
    const known = this.countries().find((c) => c.code === country);
    if (!known || (region && !known.regions.some((r) => r.code === region))) return undefined;
    const calendar = region ? new Holidays(country, region, OPTIONS) : new Holidays(country, OPTIONS);
    const out = new Map<string, PublicHoliday>();
    for (let year = fromYear; year <= toYear; year++)
      for (const h of calendar.getHolidays(year, 'en'))
        if (h.type === 'public') {
          const date = h.date.slice(0, 10);
          // Two names on one day (a feast on a Sunday's substitute, say) make one holiday.
          const earlier = out.get(date);
          out.set(date, { date, name: earlier ? `${earlier.name} / ${h.name}` : h.name });
        }
    return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
  }
}
