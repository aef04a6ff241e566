/** The import page's rules (web/src/routes/cmdb/import/import-file.ts): the format a file implies and the request size. */
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../functions/http/kit/request.js';
import {
  formatOfFile,
  guessFormat,
  IMPORT_BODY_LIMIT,
  requestBytes,
} from '../../web/src/routes/cmdb/import/import-file.js';

describe('the CMDB import page', () => {
  it('takes the format from the file name, then from the text', () => {
    expect([formatOfFile('cis.JSON'), formatOfFile('export.csv'), formatOfFile('dump.xlsx')]).toEqual([
      'json',
      'csv',
      null,
    ]);
    expect([guessFormat('  \n{"cis": []}'), guessFormat('key,name,ciClass'), guessFormat('   ')]).toEqual([
      'json',
      'csv',
      null,
    ]);
  });

  it('measures the request as the API does: UTF-8 bytes of the JSON body, against the same limit', () => {
    expect(IMPORT_BODY_LIMIT).toBe(MAX_BODY_BYTES);
    expect(requestBytes({ content: 'ä"' })).toBe('{"content":"ä\\""}'.length + 1);
  });
});
