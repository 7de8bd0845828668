// Shared by the site's tests (HTTP and browser): every statement and help page with its heading, and
// the footer every page shows. Used only by *.test.ts files.
import { helpTopics } from './routes/help.js';
import { statementPages } from './routes/statements.js';

/** [path, heading] of each statement and help page. */
export const sitePageHeadings: Array<[string, string]> = [
  ...statementPages.map((p): [string, string] => [p.path, p.title]),
  ['/help', 'Help'],
  ...helpTopics.map((topic): [string, string] => [`/help/${topic.slug}`, topic.title]),
];

/** The footer's links on every page, in order: [href, text]. */
export const footerLinks: Array<[string, string]> = [
  ['/accessibility', 'Accessibility statement'],
  ['/privacy', 'Privacy notice'],
  ['/cookies', 'Cookies'],
  ['/contact', 'Contact us'],
  ['/help', 'Help'],
  ['/api/docs', 'API documentation'],
  ['/gaps', 'Gaps in patient representation'],
];
