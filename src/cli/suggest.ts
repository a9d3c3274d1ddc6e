/**
 * The command line's own words for a bad option: `unknown option --percnt; did you mean
 * --percent?`, instead of Node's parser text.
 *
 * @since 0.2.0
 *
 * @internal
 */

/** The edit distance between two words (insertions, deletions, substitutions). */
const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The nearest of `candidates` to `word`, when it is near enough to be a typo (or a prefix). @internal */
export const nearest = (word: string, candidates: ReadonlyArray<string>): string | undefined => {
  const scored = candidates.map((c) => ({ c, d: c.startsWith(word) && word.length >= 2 ? 0 : distance(word, c) })).sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
  const best = scored[0]
  return best !== undefined && best.d <= Math.max(2, Math.floor(best.c.length / 3)) ? best.c : undefined
}

/**
 * One line for an error of `util.parseArgs`: the unknown option with the nearest valid one, or
 * the option that lacks its value. Other errors keep their text's first sentence. @internal
 */
export const parseArgsMessage = (error: unknown, options: ReadonlyArray<string>): string => {
  const code = (error as { code?: unknown }).code
  const text = error instanceof Error ? error.message : String(error)
  const quoted = /'(-{1,2}[^' ]+)/.exec(text)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) {
    const word = quoted.replace(/^-+/, '').split('=')[0] ?? ''
    const near = nearest(word, options)
    const all = options.map((o) => `--${o}`).join(', ')
    return `unknown option ${quoted}${near === undefined ? '' : `; did you mean --${near}?`}${options.length === 0 ? '' : ` (the options are ${all})`}`
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined) {
    if (/argument missing/.test(text)) return `${quoted} needs a value`
    if (/ambiguous/.test(text)) return `${quoted} needs a value; to give one that starts with a dash, write ${quoted}=-VALUE`
    return `${quoted} takes no value`
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return text.split('. ')[0] ?? text
  return text.split('. ')[0] ?? text
}
