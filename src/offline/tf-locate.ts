// Lines in .tf source. The HCL parser returns values without positions, so the blocks and arguments it found are
// located again in the text: a top-level block by its header (`resource "aws_kms_key" "app" {`), an argument by
// `name =` at the shallowest indentation inside that block, a nested block by `name {`. Only positions come from
// here; every value comes from the parser.

export interface TfBlockLocation {
  kind: string
  labels: string[]
  /** 1-based line of the header. */
  line: number
  /** Offsets of the header and of the next top-level block (or the end of the file). */
  start: number
  end: number
}

const TOP_LEVEL =
  /^[ \t]*(resource|data|variable|locals|module|output|provider|terraform|moved|import|check|removed)\b((?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*)[ \t]*\{/gm

export function lineAtOffset(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

/** The top-level blocks of one file, in order; a block runs until the next one starts. */
export function topLevelBlocks(text: string): TfBlockLocation[] {
  const found = [...text.matchAll(TOP_LEVEL)]
  return found.map((match, i) => ({
    kind: match[1],
    labels: [...match[2].matchAll(/"([^"\n]*)"|([A-Za-z_][\w-]*)/g)].map(m => m[1] ?? m[2]),
    line: lineAtOffset(text, match.index + (match[0].length - match[0].trimStart().length)),
    start: match.index,
    end: i + 1 < found.length ? found[i + 1].index : text.length
  }))
}

export function findBlock(
  blocks: TfBlockLocation[],
  kind: string,
  labels: string[]
): TfBlockLocation | undefined {
  return blocks.find(b => b.kind === kind && labels.every((label, i) => b.labels[i] === label))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The offset of `name =` (or `name = <<`) in a block, the least indented one when nested blocks repeat the name. */
export function argumentOffset(text: string, block: TfBlockLocation, name: string): number | undefined {
  const body = text.slice(block.start, block.end)
  const pattern = new RegExp(`^([ \\t]*)${escapeRegExp(name)}[ \\t]*=(?!=)`, 'gm')
  let best: { indent: number; offset: number } | undefined
  for (const match of body.matchAll(pattern)) {
    if (match.index === 0) continue // the header itself
    const indent = match[1].replace(/\t/g, '  ').length
    if (!best || indent < best.indent) best = { indent, offset: block.start + match.index + match[1].length }
  }
  return best?.offset
}

export function argumentLine(text: string, block: TfBlockLocation, name: string): number | undefined {
  const offset = argumentOffset(text, block, name)
  return offset === undefined ? undefined : lineAtOffset(text, offset)
}

/** Whether the argument is written as a heredoc, and the line of its `<<` (the content starts one line below). */
export function heredocLine(text: string, block: TfBlockLocation, name: string): number | undefined {
  const offset = argumentOffset(text, block, name)
  if (offset === undefined) return undefined
  const rest = text.slice(offset, block.end)
  return /^[^=]*=[ \t]*<<-?[ \t]*"?[A-Za-z_]\w*"?[ \t]*\r?\n/.test(rest)
    ? lineAtOffset(text, offset)
    : undefined
}

/** Lines of the nested blocks `name {` of a block, in order. */
export function nestedBlockLines(text: string, block: TfBlockLocation, name: string): number[] {
  const body = text.slice(block.start, block.end)
  const pattern = new RegExp(`^[ \\t]*${escapeRegExp(name)}[ \\t]*\\{`, 'gm')
  return [...body.matchAll(pattern)].map(m => lineAtOffset(text, block.start + m.index))
}

/**
 * The line where an expression's own text starts, found after its argument: the parser hands back an expression's
 * source text verbatim, so the first match after `name =` is the expression itself.
 */
export function expressionLine(
  text: string,
  block: TfBlockLocation,
  name: string,
  expression: string
): number | undefined {
  const offset = argumentOffset(text, block, name)
  if (offset === undefined) return undefined
  const at = text.indexOf(expression, offset)
  return at < 0 || at >= block.end ? undefined : lineAtOffset(text, at)
}
