/**
 * A stage's answer text, written straight from the stage value: the same text, byte for byte,
 * as `stringifyWire(stageToWire(stage))` (the codec's encode, the dates as epoch seconds, then
 * `JSON.stringify` and the `n.0` of a whole number in a Double field), without the intermediate
 * object, the date copy and the scan for Double fields. A stage holding anything the writer does
 * not know for sure how `JSON.stringify` writes (an object that is not plain, a function, a
 * `toJSON`, a `bigint`, a structure deeper than {@link MAX_DEPTH}) is written by the old path.
 * test/gateway/stageText.fast.test.ts holds the two to the same text.
 *
 * @internal
 */
import type { Stage } from '../../stage/Stage.js'
import { DOUBLE_FIELDS, stringifyWire } from './doubles.js'
import { epochSeconds, stageToWire } from './encoding.js'

/** How deep the writer goes before it leaves the stage to the old path (a cycle ends there too). */
const MAX_DEPTH = 32

/** Set when the writer meets what it leaves to the old path. */
let bail = false

/** A string as `JSON.stringify` writes it: as it is between quotes when nothing in it needs an escape. */
const quote = (s: string): string => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c > 0x7e || c === 0x22 /* " */ || c === 0x5c /* \ */) return JSON.stringify(s)
  }
  return `"${s}"`
}

/** A number as `JSON.stringify` writes it, with `.0` after a whole one under a Double field's key. */
const numberText = (n: number, double: boolean): string => {
  if (!Number.isFinite(n)) return 'null'
  const text = String(n)
  return double && Number.isInteger(n) && Math.abs(n) < 1e21 ? `${text}.0` : text
}

/** A value in an object (`undefined` when `JSON.stringify` leaves the key out) or in an array. */
const valueText = (value: unknown, key: string | undefined, depth: number): string | undefined => {
  switch (typeof value) {
    case 'string':
      return quote(value)
    case 'number':
      return numberText(value, key !== undefined && DOUBLE_FIELDS.has(key))
    case 'boolean':
      return value ? 'true' : 'false'
    case 'undefined':
      return undefined
    case 'object':
      if (value === null) return 'null'
      if (depth >= MAX_DEPTH) {
        bail = true
        return undefined
      }
      return Array.isArray(value) ? arrayText(value, depth + 1) : objectText(value, depth + 1)
    default:
      // a function, a symbol or a bigint: left to JSON.stringify
      bail = true
      return undefined
  }
}

const arrayText = (array: ReadonlyArray<unknown>, depth: number): string | undefined => {
  if (Object.getPrototypeOf(array) !== Array.prototype) {
    bail = true
    return undefined
  }
  let out = '['
  for (let i = 0; i < array.length; i++) {
    const text = valueText(array[i], undefined, depth)
    if (bail) return undefined
    out += `${i === 0 ? '' : ','}${text ?? 'null'}`
  }
  return `${out}]`
}

/** An object's text; `stage` for the stage itself, whose dates (text) are written as epoch seconds, as `stageToWire` writes them. */
const objectText = (object: object, depth: number, stage = false): string | undefined => {
  const proto: unknown = Object.getPrototypeOf(object)
  if (proto !== Object.prototype && proto !== null) {
    bail = true
    return undefined
  }
  const record = object as { readonly [key: string]: unknown }
  let out = '{'
  let first = true
  const keys = Object.keys(record)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    const value = record[key]
    let text: string | undefined
    if (stage && i < lastKeys.length && lastKeys[i] === key && lastValues[i] === value) text = lastTexts[i]
    else {
      text =
        stage && typeof value === 'string' && (key === 'createdDate' || key === 'lastUpdatedDate') ? numberText(epochSeconds(value), false) : valueText(value, key, depth)
      if (bail) {
        if (stage) lastKeys.length = 0
        return undefined
      }
      if (stage) {
        lastKeys[i] = key
        lastValues[i] = value
        lastTexts[i] = text
      }
    }
    if (text === undefined) continue
    // two appends, the key's text made once: each piece built and appended is a string to collect
    out += keyText(key, first)
    out += text
    first = false
  }
  if (stage) {
    lastKeys.length = keys.length
    lastValues.length = keys.length
    lastTexts.length = keys.length
  }
  return `${out}}`
}

/**
 * The last stage written: its own keys in order, their values and the values' texts (`undefined`
 * for one left out). The next stage is most often the one an update made of it, which shares
 * most of its values (the applier copies only what it changes): for the same key at the same
 * place with the same value, the text is the same (a stage's values are immutable, as the stage
 * is), so it is taken from here, a whole map of method settings at once.
 */
const lastKeys: Array<string> = []
const lastValues: Array<unknown> = []
const lastTexts: Array<string | undefined> = []

/** The most keys whose texts are kept (a stage's own, its canary's, its variables' names...); past it, the texts start again. */
const KEYS = 512
/** `"key":` (for the first key of an object) and `,"key":` (for the others) by key. */
const firstKeyTexts = new Map<string, string>()
const keyTexts = new Map<string, string>()

/** A key as `JSON.stringify` writes it in an object, with its colon, and its comma when it is not the first. */
const keyText = (key: string, first: boolean): string => {
  const texts = first ? firstKeyTexts : keyTexts
  let text = texts.get(key)
  if (text === undefined) {
    text = `${first ? '' : ','}${quote(key)}:`
    if (texts.size >= KEYS) texts.clear()
    texts.set(key, text)
  }
  return text
}

/** A `toJSON` that every object or array would inherit: JSON.stringify would call it. */
const inheritedToJson = (): boolean =>
  (Object.prototype as { toJSON?: unknown }).toJSON !== undefined || (Array.prototype as { toJSON?: unknown }).toJSON !== undefined

/** The stage's text written directly, or `undefined` when it holds what the writer leaves to the old path. @internal */
export const stageTextFast = (stage: Stage): string | undefined => {
  if (inheritedToJson()) return undefined
  if (Object.getPrototypeOf(stage) !== Object.prototype) return undefined
  bail = false
  const text = objectText(stage, 1, true)
  return bail ? undefined : text
}

/** The old path alone: what the writer is held to (by the tests), and takes over from. @internal */
export const stageWireTextSlow = (stage: Stage): string => stringifyWire(stageToWire(stage))

/**
 * The answer text of a stage (get-stage's, update-stage's): `stringifyWire(stageToWire(stage))`,
 * written straight from the stage when it holds only plain data. @internal
 */
export const stageWireText = (stage: Stage): string => stageTextFast(stage) ?? stageWireTextSlow(stage)
