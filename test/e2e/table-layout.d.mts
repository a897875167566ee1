// Types of table-layout.mjs for the TypeScript tests.
export interface Box {
  scroll: number
  client: number
}
export interface TableLayout extends Box {
  heading: string
  right: number
  articleRight: number
  columns: number
  rows: number[]
  wrapped: string[]
}
export function measureLayout(): { page: Box; article: Box; tables: TableLayout[] }
