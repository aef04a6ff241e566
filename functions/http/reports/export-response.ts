/** Export responses: a streamed CSV or XLSX download with a safe file name. */
import type { HttpResponseInit } from '@azure/functions';
import { csvStream } from '../../adapters/export/csv-export.js';
import type { TabularSheet } from '../../adapters/export/tabular.js';
import { xlsxStream } from '../../adapters/export/xlsx-export.js';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const exportResponse = (
  format: 'csv' | 'xlsx',
  baseName: string,
  sheets: readonly TabularSheet[],
): HttpResponseInit => {
  const name = `${baseName.replace(/[^A-Za-z0-9_.-]/g, '-')}.${format}`;
  const first = sheets[0];
  const body = format === 'csv' && first ? csvStream(first) : xlsxStream(sheets);
  return {
    status: 200,
    headers: {
      'content-type': TYPES[format],
      'content-disposition': `attachment; filename="${name}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body: body as unknown as HttpResponseInit['body'],
  };
};
