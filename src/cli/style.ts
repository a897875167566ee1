// Terminal styling: ANSI colours when the edge allows them (stdout a TTY, no NO_COLOR, no --no-color), else none.
// Only our own markup is coloured: text from AWS or the user is neutralised before it is styled.

export interface Style {
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  bold(text: string): string
  dim(text: string): string
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`

export const COLOURS: Style = {
  red: ansi(31, 39),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
  bold: ansi(1, 22),
  dim: ansi(2, 22)
}

const plain = (text: string) => text
export const NO_COLOURS: Style = { red: plain, green: plain, yellow: plain, bold: plain, dim: plain }

/** https://no-color.org: NO_COLOR set to anything but the empty string turns colours off. */
export function colourWanted(isTty: boolean, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  return isTty && !noColorFlag && !env.NO_COLOR
}
