/**
 * The TemplateEngine port on liquidjs 10, in a safe mode (ADR 0022): the file system is replaced
 * by one that holds nothing and `include`, `render` and `layout` are refused when the template
 * is parsed; only own properties of the plain context are reachable; unknown filters are errors;
 * the parse size, render time and memory are bounded (liquidjs' parseLimit, renderLimit,
 * memoryLimit), and the output size by the caller. Output is plain text: values are not
 * HTML-escaped here, because replies and notes are text (the app and the mail escape them where
 * they become HTML; previews get `textToHtml`).
 */
import { Liquid, Tag, type TagToken, type TopLevelToken } from 'liquidjs';
import { fail, ok, type Result } from '../../../shared/kernel/result.js';
import type { TemplateEngine } from '../../../shared/macros/template-engine.js';

export interface LiquidLimits {
  /** Template source length (characters) liquidjs parses at most. */
  readonly parseLimit: number;
  /** Milliseconds one render may take. */
  readonly renderLimit: number;
  /** Roughly the characters and array items one render may allocate. */
  readonly memoryLimit: number;
}

export const DEFAULT_LIQUID_LIMITS: LiquidLimits = { parseLimit: 20_000, renderLimit: 50, memoryLimit: 2_000_000 };

class RefusedTag extends Error {
  constructor(readonly tag: string) {
    super(`{% ${tag} %} is not allowed in a macro: macros cannot read files or other templates`);
  }
}

class RefusedFile extends Error {
  constructor(file: string) {
    super(`Macros cannot read files (${file})`);
  }
}

/** A file system with nothing in it: even a tag that slipped through finds no file. */
const NO_FILES = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file: string): Promise<string> => {
    throw new RefusedFile(file);
  },
  readFileSync: (file: string): string => {
    throw new RefusedFile(file);
  },
  resolve: (_root: string, file: string) => file,
  contains: async () => false,
  containsSync: () => false,
  sep: '/',
  dirname: (file: string) => file,
};

const FILE_TAGS = ['include', 'render', 'layout'] as const;

/** Walks liquidjs' wrapping (ParseError/RenderError -> originalError) to the first cause. */
const rootCause = (error: unknown): unknown => {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const inner = (current as { originalError?: unknown } | null)?.originalError;
    if (!inner) break;
    current = inner;
  }
  return current;
};

export class LiquidTemplateEngine implements TemplateEngine {
  private readonly liquid: Liquid;

  constructor(limits: LiquidLimits = DEFAULT_LIQUID_LIMITS) {
    this.liquid = new Liquid({
      fs: NO_FILES,
      root: [],
      partials: [],
      layouts: [],
      relativeReference: false,
      dynamicPartials: false,
      ownPropertyOnly: true,
      strictFilters: true,
      strictVariables: false,
      cache: false,
      parseLimit: limits.parseLimit,
      renderLimit: limits.renderLimit,
      memoryLimit: limits.memoryLimit,
    });
    for (const name of FILE_TAGS)
      this.liquid.registerTag(
        name,
        class extends Tag {
          constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
            super(token, remain, liquid);
            throw new RefusedTag(name);
          }
          *render(): Generator<unknown, void, unknown> {}
        },
      );
  }

  render(source: string, context: Readonly<Record<string, unknown>>): Result<string> {
    try {
      return ok(this.liquid.parseAndRenderSync(source, context) as string);
    } catch (error) {
      const cause = rootCause(error);
      if (cause instanceof RefusedTag || cause instanceof RefusedFile)
        return fail('MACRO.TEMPLATE_FORBIDDEN', cause.message);
      const message = error instanceof Error ? error.message : String(error);
      if (/limit exceeded/.test(message))
        return fail('MACRO.TEMPLATE_LIMIT', `The macro's text does too much work: ${message}`);
      return fail('MACRO.TEMPLATE_INVALID', `The macro's text is not a valid template: ${message}`);
    }
  }
}
