/** Path containment: nothing the plan names may lead outside the project root. */
import { promises as fs } from 'node:fs'
import path from 'node:path'

/** True when `candidate` is `root` or lies under it, judged on the paths as written. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(candidate))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * True when `candidate` stays under `root` once symbolic links are followed. A path that does not
 * exist yet is judged by its nearest existing ancestor.
 */
export async function isInsideReal(root: string, candidate: string): Promise<boolean> {
  const realRoot = await fs.realpath(root)
  let current = path.resolve(candidate)
  for (;;) {
    const real = await fs.realpath(current).catch(() => undefined)
    if (real !== undefined) return isInside(realRoot, real)
    const parent = path.dirname(current)
    if (parent === current) return false
    current = parent
  }
}
