// Types of bench/page.mjs for the TypeScript tests (the implementation is plain JS).
export function pageMarkdown(results: unknown): string
export function docWithTables(doc: string, path: string, markdown: string): Promise<string>
