// The one way out to stdout for text the action does not control: Sids, aliases, Name tags, StateReasons, AWS error
// messages, file names and their contents. The runner reads workflow commands from stdout: `::name …::data` at the
// start of any line (after leading white space; lines split on LF and on a lone CR), and the legacy `##[name]data`
// anywhere in a line. `::stop-commands::TOKEN` and `##[stop-commands]TOKEN` switch command processing off (and with
// it every later ::add-mask::), `::save-state` feeds the post step. So every line the action prints goes through
// neutralise(): one line, no command.

/** Every line break the runner splits on (LF, CR) and the ones a log viewer may render (NEL, LS, PS, VT, FF). */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g
/** Control characters other than tab: ANSI escapes (ESC, and CSI U+009B) can repaint or hide what the log shows. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g
/** The legacy command prefix, anywhere. Replaced by `##\[`, which cannot form a new `##[` with what surrounds it. */
const LEGACY_PREFIX = /##\[/g
/**
 * A line that starts with `::` once the runner has trimmed its leading white space (.NET's Char.IsWhiteSpace: the
 * Unicode space separators, tab, LF, VT, FF, CR, NEL, LS, PS).
 */
const COMMAND_START = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*::/

/**
 * One line of log text that the runner cannot read as a workflow command, whatever it contains: line breaks become
 * "⏎", control characters "�", every `##[` becomes `##\[`, and a leading `::` gets a backslash before it. Text
 * without any of these is returned unchanged.
 */
export function neutralise(text: string): string {
  const flat = text.replace(LINE_BREAK, '⏎').replace(CONTROL, '�').replace(LEGACY_PREFIX, '##\\[')
  return COMMAND_START.test(flat) ? `\\${flat}` : flat
}
