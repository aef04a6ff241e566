/**
 * Typed calls of the SLA administration routes (issue 5): calendars, policies and assist OLAs
 * (ETag/If-Match) and the preview of a sample ticket. Types come from the shared model, never hand-copied.
 */
import type { THolidayCountries, THolidayList, TSlaPreview, TSlaPreviewRequest } from '$shared/api/sla.schemas';
import type { TCalendar, TCalendarInput } from '$shared/sla/calendar';
import type { TSlaPolicy, TSlaPolicyInput } from '$shared/sla/sla-policy';
import type { TSlaOla } from '$shared/sla-engine/sla-config';
import { type ApiResult, request } from './client';
import type { Page } from './endpoints';

const enc = encodeURIComponent;

export interface Crud<Item, Input> {
  list(): Promise<Item[]>;
  get(id: string): Promise<ApiResult<Item>>;
  create(body: Input): Promise<ApiResult<Item>>;
  replace(id: string, body: Input, etag: string | null): Promise<ApiResult<Item>>;
  remove(id: string, etag: string | null): Promise<ApiResult<void>>;
}

const crud = <Item, Input>(kind: 'calendars' | 'policies' | 'olas'): Crud<Item, Input> => ({
  list: async () => (await request<Page<Item>>('GET', `sla/${kind}`)).data.items,
  get: (id) => request<Item>('GET', `sla/${kind}/${enc(id)}`),
  create: (body) => request<Item>('POST', `sla/${kind}`, { body }),
  replace: (id, body, etag) => request<Item>('PUT', `sla/${kind}/${enc(id)}`, { body, ifMatch: etag }),
  remove: (id, etag) => request<void>('DELETE', `sla/${kind}/${enc(id)}`, { ifMatch: etag }),
});

export const slaApi = {
  calendars: crud<TCalendar, TCalendarInput>('calendars'),
  policies: crud<TSlaPolicy, TSlaPolicyInput>('policies'),
  olas: crud<TSlaOla, TSlaOla>('olas'),
  /** The request as sent: defaults (sample ticket) are applied by the server. */
  preview: async (body: Partial<Omit<TSlaPreviewRequest, 'policy'>> & { policy?: TSlaPolicyInput }) =>
    (await request<TSlaPreview>('POST', 'sla/preview', { body })).data,
  holidayCountries: async () => (await request<THolidayCountries>('GET', 'sla/holiday-countries')).data.countries,
  holidays: async (query: { country: string; region?: string; from: number; to: number }) =>
    (
      await request<THolidayList>('GET', 'sla/holidays', {
        query: { country: query.country, region: query.region || undefined, from: query.from, to: query.to },
      })
    ).data.holidays,
};
