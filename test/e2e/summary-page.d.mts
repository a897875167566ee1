// Types of summary-page.mjs for the TypeScript tests.
export const PAGE_CSS: string
export function summaryPage(summary: string, title?: string): string
