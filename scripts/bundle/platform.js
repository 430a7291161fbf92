/**
 * Stands in for @actions/core's lib/platform.js in the bundles (see scripts/build.mjs). The real
 * module imports @actions/exec (and with it @actions/io and child_process) for getDetails alone,
 * which the action never calls; here the real one is loaded on the first call instead.
 */
import os from 'os'

export const platform = os.platform()
export const arch = os.arch()
export const isWindows = platform === 'win32'
export const isMacOS = platform === 'darwin'
export const isLinux = platform === 'linux'

export async function getDetails() {
  const real = await import('./platform-details.js')
  return real.getDetails()
}
