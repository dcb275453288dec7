// **sanitisedHtml** and **plainText** turn harvested descriptions (often HTML) into markup safe to show.
import sanitizeHtml from 'sanitize-html';

/**
 * Formatting and links survive; scripts, styles, event handlers, iframes and `javascript:` URLs do not.
 * Links open as ordinary links and tell search engines nothing (`nofollow`): the text is the source's, not ours.
 */
const RICH: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a', 'sub', 'sup', 'span',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'h3', 'h4', 'h5', 'h6', 'dl', 'dt', 'dd'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Headings of a description sit under the page's own h2: h1/h2 in the source become h3.
  transformTags: {
    h1: 'h3', h2: 'h3',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener' }),
  },
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
};
(RICH.allowedAttributes as Record<string, string[]>).a!.push('rel');

const NONE: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, nonTextTags: RICH.nonTextTags! };

/** A description as sanitised HTML; plain text keeps its paragraphs (blank lines) and line breaks. */
export function sanitisedHtml(text: string): string {
  const looksLikeHtml = /<\/?[a-z][a-z0-9]*[\s/>]/i.test(text);
  if (looksLikeHtml) return sanitizeHtml(text, RICH);
  const escaped = sanitizeHtml(text, NONE);
  return escaped.split(/\n\s*\n/).map((p) => `<p>${p.trim().replace(/\n/g, '<br>')}</p>`).join('');
}

/** At most `max` characters of a description's text, tags removed, escaped for HTML (a result snippet). */
export function plainText(text: string, max = 280): string {
  const escaped = sanitizeHtml(text, NONE).replace(/\s+/g, ' ').trim();
  if (escaped.length <= max) return escaped;
  // Never cut an entity (`&amp;`) in half.
  return `${escaped.slice(0, max).replace(/&[^;\s]*$/, '').replace(/\s+\S*$/, '')}…`;
}
