// The print style of the voting code letters (the answer to issuing codes): on screen each letter
// is set apart; printed, the site's header, footer and the page's own words are left out and each
// letter takes a page of its own. Served from the module (inline styles are refused by the CSP).
export const lettersCss = `.involve-letter { border-top: 4px solid #d8dde0; margin-top: 32px; padding-top: 24px; }
.involve-letter__address { font-style: normal; margin-bottom: 32px; }
@media print {
  .nhsuk-skip-link, .nhsuk-header, .nhsuk-footer-container, .nhsuk-footer, .involve-demo-banner, .nhsuk-back-link, .involve-letters-intro { display: none !important; }
  .nhsuk-width-container, .nhsuk-main-wrapper { margin: 0; padding: 0; max-width: none; }
  .involve-letter { border: 0; margin: 0; padding: 0; break-after: page; page-break-after: always; }
  .involve-letter:last-child { break-after: auto; page-break-after: auto; }
  .involve-letter__address { margin-bottom: 64px; }
}
`;
