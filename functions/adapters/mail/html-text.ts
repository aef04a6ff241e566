/**
 * Plain text of an HTML mail body, for mails that carry no text part: `html-to-text` (maintained,
 * htmlparser2-based, the converter mailparser itself ships with). Links keep their address after
 * the text unless it is the same, images and hidden blocks leave nothing, headings and table
 * headers keep their case, lines are not re-wrapped (the timeline wraps them).
 */
import { compile } from 'html-to-text';

const sameCase = { uppercase: false } as const;

export const htmlToText: (html: string) => string = compile({
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['<', '>'] } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: sameCase },
    { selector: 'h2', options: sameCase },
    { selector: 'h3', options: sameCase },
    { selector: 'h4', options: sameCase },
    { selector: 'h5', options: sameCase },
    { selector: 'h6', options: sameCase },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});
