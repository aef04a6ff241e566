/**
 * HtmlSanitizer over `sanitize-html` (htmlparser2-based, no DOM needed, maintained, widely used):
 * a strict allow-list of formatting tags and attributes; links only http(s)/mailto; images only
 * when they are `cid:` references to the message's own inline parts (no remote images, so no
 * tracking pixels); no scripts, styles blocks, event handlers, forms, frames or objects.
 * 2.17.0 because 2.18 needs Node 22.
 */
import sanitizeHtml from 'sanitize-html';
import type { HtmlSanitizer } from '../../../shared/ports/html-sanitizer.js';
import { htmlToText } from './html-text.js';

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'center',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'div',
  'dl',
  'dt',
  'em',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'tt',
  'u',
  'ul',
];

const LAYOUT = [
  'align',
  'valign',
  'width',
  'height',
  'bgcolor',
  'border',
  'cellpadding',
  'cellspacing',
  'colspan',
  'rowspan',
  'dir',
  'lang',
  'title',
];

// Inline styles are allowed only for these harmless properties, with values free of url()/expression().
const SAFE_VALUE = /^(?!.*(url|expression|javascript|@import)\s*\(?)[-#%,.\w\s"'()]+$/i;
const STYLES = Object.fromEntries(
  [
    'color',
    'background-color',
    'font-size',
    'font-weight',
    'font-style',
    'font-family',
    'text-align',
    'text-decoration',
    'margin',
    'padding',
    'border',
    'width',
    'height',
    'line-height',
    'white-space',
    'vertical-align',
  ].map((p) => [p, [SAFE_VALUE]]),
);

export class SanitizeHtmlSanitizer implements HtmlSanitizer {
  toText(html: string): string {
    return htmlToText(html)
      .replace(/[ \t\u00a0]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  sanitize(html: string, inlineContentIds: ReadonlySet<string>): string {
    return sanitizeHtml(html, {
      allowedTags: ALLOWED_TAGS,
      allowedAttributes: {
        '*': [...LAYOUT, 'style'],
        a: ['href', 'name', 'target', 'rel'],
        img: ['src', 'alt', 'width', 'height'],
        font: ['color', 'face', 'size'],
      },
      allowedStyles: { '*': STYLES },
      allowedSchemes: ['http', 'https', 'mailto'],
      allowedSchemesByTag: { img: ['cid'] },
      allowProtocolRelative: false,
      disallowedTagsMode: 'discard',
      nonTextTags: [
        'script',
        'style',
        'textarea',
        'option',
        'noscript',
        'title',
        'head',
        'template',
        'iframe',
        'object',
        'embed',
        'svg',
        'math',
      ],
      transformTags: {
        a: (tagName, attribs) => ({
          tagName,
          attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
        }),
        img: (tagName, attribs) => {
          const cid = /^cid:(.+)$/i.exec((attribs.src ?? '').trim())?.[1]?.replace(/^<|>$/g, '');
          const { src: _src, ...rest } = attribs;
          return { tagName, attribs: cid && inlineContentIds.has(cid) ? { ...rest, src: `cid:${cid}` } : rest };
        },
      },
      exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    });
  }
}
