/**
 * Text analysis of the Azure AI Search stand-in: the built-in analyzers an index is likely to
 * name (standard.lucene, standardasciifolding.lucene, keyword, whitespace, simple) and custom
 * analyzers made of a PatternTokenizer (Java-style split pattern) and the lowercase, uppercase
 * and asciifolding token filters. Anything else is refused when the index is defined, so an index
 * the stand-in cannot analyse as Azure would never passes silently.
 */

export interface Token {
  readonly term: string;
  /** Character offsets in the original text (for highlights). */
  readonly start: number;
  readonly end: number;
  readonly position: number;
}

export type Analyzer = (text: string) => Token[];

/** Lucene's standard tokenizer drops longer tokens (maxTokenLength 255). */
const MAX_TOKEN_LENGTH = 255;

const MARKS = /\p{M}+/gu;
/** Letters NFKD does not split into a base letter and a mark, as Lucene's ASCIIFoldingFilter maps them. */
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu');

export const asciiFold = (term: string): string =>
  term
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(FOLDABLE, (c) => FOLDS[c] ?? c);

type TokenFilter = (term: string) => string;

const TOKEN_FILTERS: Readonly<Record<string, TokenFilter>> = {
  lowercase: (t) => t.toLowerCase(),
  uppercase: (t) => t.toUpperCase(),
  asciifolding: asciiFold,
};

type Tokenizer = (text: string) => { term: string; start: number; end: number }[];

const words = new Intl.Segmenter('en', { granularity: 'word' });

/** UAX #29 word boundaries, as Lucene's StandardTokenizer. */
const standardTokenizer: Tokenizer = (text) =>
  [...words.segment(text)]
    .filter((s) => s.isWordLike && s.segment.length <= MAX_TOKEN_LENGTH)
    .map((s) => ({ term: s.segment, start: s.index, end: s.index + s.segment.length }));

/** The text between the matches of `split` (PatternTokenizer with group -1). */
const splitTokenizer =
  (split: RegExp): Tokenizer =>
  (text) => {
    const out: { term: string; start: number; end: number }[] = [];
    let from = 0;
    split.lastIndex = 0;
    for (const m of text.matchAll(split)) {
      if (m.index > from) out.push({ term: text.slice(from, m.index), start: from, end: m.index });
      from = m.index + m[0].length;
      if (m[0].length === 0) from++;
    }
    if (from < text.length) out.push({ term: text.slice(from), start: from, end: text.length });
    return out;
  };

const keywordTokenizer: Tokenizer = (text) => (text === '' ? [] : [{ term: text, start: 0, end: text.length }]);

const analyzerOf =
  (tokenizer: Tokenizer, filters: readonly TokenFilter[]): Analyzer =>
  (text) =>
    tokenizer(text)
      .map((t) => ({ ...t, term: filters.reduce((term, f) => f(term), t.term) }))
      .filter((t) => t.term !== '')
      .map((t, position) => ({ ...t, position }));

export const BUILT_IN_ANALYZERS: Readonly<Record<string, Analyzer>> = {
  'standard.lucene': analyzerOf(standardTokenizer, [TOKEN_FILTERS.lowercase as TokenFilter]),
  'standardasciifolding.lucene': analyzerOf(standardTokenizer, [
    TOKEN_FILTERS.lowercase as TokenFilter,
    TOKEN_FILTERS.asciifolding as TokenFilter,
  ]),
  keyword: analyzerOf(keywordTokenizer, []),
  whitespace: analyzerOf(splitTokenizer(/\s+/gu), []),
  simple: analyzerOf(splitTokenizer(/[^\p{L}]+/gu), [TOKEN_FILTERS.lowercase as TokenFilter]),
};

/** A definition the stand-in cannot honour, answered 400 as Azure answers an invalid index. */
export class DefinitionError extends Error {}

export interface CustomTokenizerDefinition {
  readonly '@odata.type': string;
  readonly name: string;
  readonly pattern?: string;
  readonly flags?: string;
  readonly group?: number;
}

export interface CustomAnalyzerDefinition {
  readonly '@odata.type': string;
  readonly name: string;
  readonly tokenizer: string;
  readonly tokenFilters?: readonly string[];
  readonly charFilters?: readonly string[];
}

/** Java regex flags PatternTokenizer takes that have a JavaScript equivalent. */
const JAVA_FLAGS: Readonly<Record<string, string>> = { CASE_INSENSITIVE: 'i', MULTILINE: 'm', DOTALL: 's' };

function tokenizerOf(def: CustomTokenizerDefinition): Tokenizer {
  switch (def['@odata.type']) {
    case '#Microsoft.Azure.Search.PatternTokenizer': {
      if ((def.group ?? -1) !== -1)
        throw new DefinitionError(`tokenizer ${def.name}: the stand-in supports only group -1 (split)`);
      let flags = 'gu';
      for (const f of (def.flags ?? '').split('|').filter((s) => s !== '')) {
        const js = JAVA_FLAGS[f];
        if (!js) throw new DefinitionError(`tokenizer ${def.name}: flag ${f} is not supported by the stand-in`);
        flags += js;
      }
      try {
        return splitTokenizer(new RegExp(def.pattern ?? '\\W+', flags));
      } catch (error) {
        throw new DefinitionError(`tokenizer ${def.name}: invalid pattern: ${(error as Error).message}`);
      }
    }
    case '#Microsoft.Azure.Search.StandardTokenizerV2':
    case '#Microsoft.Azure.Search.StandardTokenizer':
      return standardTokenizer;
    case '#Microsoft.Azure.Search.KeywordTokenizerV2':
    case '#Microsoft.Azure.Search.KeywordTokenizer':
      return keywordTokenizer;
    default:
      throw new DefinitionError(`tokenizer ${def.name}: ${def['@odata.type']} is not supported by the stand-in`);
  }
}

const BUILT_IN_TOKENIZERS: Readonly<Record<string, Tokenizer>> = {
  standard_v2: standardTokenizer,
  keyword_v2: keywordTokenizer,
  whitespace: splitTokenizer(/\s+/gu),
};

/** The analyzers of an index definition by name: the built-in ones and the custom ones it defines. */
export function analyzersOf(
  analyzers: readonly CustomAnalyzerDefinition[],
  tokenizers: readonly CustomTokenizerDefinition[],
): Map<string, Analyzer> {
  const customTokenizers = new Map<string, Tokenizer>();
  for (const t of tokenizers) {
    if (customTokenizers.has(t.name)) throw new DefinitionError(`tokenizer ${t.name} is defined twice`);
    customTokenizers.set(t.name, tokenizerOf(t));
  }
  const out = new Map<string, Analyzer>(Object.entries(BUILT_IN_ANALYZERS));
  for (const a of analyzers) {
    if (a['@odata.type'] !== '#Microsoft.Azure.Search.CustomAnalyzer')
      throw new DefinitionError(`analyzer ${a.name}: ${a['@odata.type']} is not supported by the stand-in`);
    if (out.has(a.name)) throw new DefinitionError(`analyzer ${a.name} is defined twice or shadows a built-in one`);
    const tokenizer = customTokenizers.get(a.tokenizer) ?? BUILT_IN_TOKENIZERS[a.tokenizer];
    if (!tokenizer) throw new DefinitionError(`analyzer ${a.name}: unknown tokenizer ${a.tokenizer}`);
    if ((a.charFilters ?? []).length > 0)
      throw new DefinitionError(`analyzer ${a.name}: char filters are not supported by the stand-in`);
    const filters = (a.tokenFilters ?? []).map((name) => {
      const filter = TOKEN_FILTERS[name];
      if (!filter)
        throw new DefinitionError(`analyzer ${a.name}: token filter ${name} is not supported by the stand-in`);
      return filter;
    });
    out.set(a.name, analyzerOf(tokenizer, filters));
  }
  return out;
}
