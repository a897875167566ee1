// Types of scripts/sdk-subset.mjs for the TypeScript tests.
export const SUBSET_ROOT: string
export function usedClientExports(sources: { file: string; text: string }[]): Map<string, Set<string>>
export function inlineConstantKeys(text: string): string
export function writeSdkSubsets(): Promise<Record<string, string[]>>
