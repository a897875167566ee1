// Runs in the browser (page.evaluate): how the rendered summary's article and tables are laid out. Plain JS in its
// own file so that the TypeScript tests need no DOM types.
/* global document, getComputedStyle */

export function measureLayout() {
  const article = /** @type {HTMLElement} */ (document.querySelector('article'))
  const articleRight =
    article.getBoundingClientRect().right - parseFloat(getComputedStyle(article).paddingRight)
  return {
    page: { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth },
    article: { scroll: article.scrollWidth, client: article.clientWidth },
    tables: [...document.querySelectorAll('table')].map(table => ({
      heading: table.previousElementSibling?.textContent ?? '',
      scroll: table.scrollWidth,
      client: table.clientWidth,
      right: table.getBoundingClientRect().right,
      articleRight,
      columns: table.querySelectorAll('tr:first-child th').length,
      // Columns a row spans (a full-width reason row counts its colspan).
      rows: [...table.querySelectorAll('tr')].map(tr =>
        [...tr.children].reduce((n, cell) => n + /** @type {HTMLTableCellElement} */ (cell).colSpan, 0)
      ),
      // An ID that wraps (at its hyphens) is no longer one thing to read or copy.
      wrapped: [...table.querySelectorAll('code')]
        .filter(code => code.getClientRects().length > 1)
        .map(code => code.textContent ?? '')
    }))
  }
}
