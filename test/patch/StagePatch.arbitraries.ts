/**
 * The update-stage operation arbitraries now ship in the package (`apigw-canary/testing`,
 * `src/testing/arbitraries.ts`); the tests import them from there through this module.
 */
export { anyOperation, hostilePath, methodSettingOperation, methodSettingsStage, percentText, validOperation } from '../../src/testing/arbitraries.js'

/** A method-setting key's patch path, written independently of the library: the key as AWS stores it, after a `/` (`~1pets/GET` → `/~1pets/GET`). */
export const keyToPath = (key: string): string => `/${key}`
