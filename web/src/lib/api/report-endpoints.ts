/**
 * Typed calls of the reports API (issue 19): dashboards, the tickets behind a figure, the
 * caller's scheduled report mails, and the downloads (report, drill-down and ticket-list exports).
 * Query objects are the URL's own parameters, so a screen's filters go to the API unchanged.
 */
import type { TReport, TReportSubscriptionInput } from '$shared/api/reports.schemas';
import type { TTicket } from '$shared/api/tickets.schemas';
import type { ReportKind } from '$shared/reporting/report-tables';
import { ApiError, type ApiResult, apiFetch, apiUrl, request } from './client';

export type { TReport, TReportSubscriptionInput };
export type ReportQuery = Readonly<Record<string, string>>;

export interface ReportSubscription extends TReportSubscriptionInput {
  readonly id: string;
  readonly agentId: string;
  readonly lastPeriod: string | null;
  readonly createdAt: string;
}

export interface DrillPage {
  readonly items: TTicket[];
  readonly total: number;
  readonly nextCursor: string | null;
}

const enc = encodeURIComponent;
const data = async <T>(p: Promise<ApiResult<T>>): Promise<T> => (await p).data;

export const reportsApi = {
  report: (kind: ReportKind, query: ReportQuery, signal?: AbortSignal) =>
    data(request<TReport>('GET', `reports/dashboards/${enc(kind)}`, { query, signal })),
  tickets: (query: ReportQuery, cursor: string | null, signal?: AbortSignal) =>
    data(request<DrillPage>('GET', 'reports/tickets', { query: { ...query, limit: 50, cursor }, signal })),
  subscriptions: async () =>
    (await data(request<{ items: ReportSubscription[] }>('GET', 'reports/subscriptions'))).items,
  subscribe: (body: TReportSubscriptionInput) =>
    data(request<ReportSubscription>('POST', 'reports/subscriptions', { body })),
  unsubscribe: (id: string) => data(request<null>('DELETE', `reports/subscriptions/${enc(id)}`)),
};

/** The file name the server gives in Content-Disposition, or the fallback. */
const fileNameOf = (response: Response, fallback: string): string => {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
};

/**
 * Downloads an export. The request carries the caller's credentials (the dev sign-in is a header,
 * so a plain link would not), and the file is handed to the browser once it has arrived.
 */
export async function download(
  path: string,
  query: Record<string, string | undefined>,
  fallback: string,
): Promise<string> {
  const response = await apiFetch(apiUrl(path, query));
  if (!response.ok) {
    const text = await response.text();
    let problem: { title?: string; detail?: string; code?: string } = {};
    try {
      problem = JSON.parse(text) as typeof problem;
    } catch {
      // not a problem document: the status line speaks
    }
    throw new ApiError({
      type: 'about:blank',
      title: problem.title ?? response.statusText,
      status: response.status,
      detail: problem.detail ?? `The export failed (${response.status})`,
      code: problem.code ?? `HTTP.${response.status}`,
    });
  }
  const name = fileNameOf(response, fallback);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
