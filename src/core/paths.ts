/** Path containment: nothing the plan names may lead outside the project root. */
import { realpathSync } from 'node:fs'
import path from 'node:path'

/** True when `candidate` is `root` or lies under it, judged on the paths as written. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(candidate))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * True when `candidate` stays under `root` once symbolic links are followed. A path that does not
 * exist yet is judged by its nearest existing ancestor. Synchronous: it runs before every step and
 * is a couple of local system calls.
 */
export function isInsideReal(root: string, candidate: string): boolean {
  const realRoot = realpathSync.native(root)
  let current = path.resolve(candidate)
  for (;;) {
    const real = realOrUndefined(current)
    if (real !== undefined) return isInside(realRoot, real)
    const parent = path.dirname(current)
    if (parent === current) return false
    current = parent
  }
}

function realOrUndefined(file: string): string | undefined {
  try {
    return realpathSync.native(file)
  } catch {
    return undefined
  }
}
