/** CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheets read the accents) streamed page by page. */
import { stringify } from 'csv-stringify/sync';
import { fileValue, headerOf, type TabularSheet } from './tabular.js';

const encoder = new TextEncoder();

export async function* csvStream(sheet: TabularSheet): AsyncIterable<Uint8Array> {
  yield encoder.encode(`\ufeff${stringify([sheet.columns.map(headerOf)])}`);
  for await (const rows of sheet.pages) {
    if (rows.length === 0) continue;
    yield encoder.encode(
      stringify(
        rows.map((row) =>
          row.map((value, i) => fileValue(sheet.columns[i] ?? { key: '', label: '', unit: 'text' }, value)),
        ),
      ),
    );
  }
}
