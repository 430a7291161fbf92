/**
 * Keeps memory flat while a step prints gigabytes. Each read of a step's output is a fresh buffer
 * outside the JavaScript heap; passing bytes through allocates almost nothing on the heap, so the
 * collector seldom runs, and dead read buffers pile up to tens of megabytes before it does. A cheap
 * young-generation collection every few megabytes of output returns them at once.
 */
const COLLECT_EVERY_BYTES = 2 * 1024 * 1024

type Collector = (options: { type: 'minor' }) => void

let collector: Collector | undefined | null = null

function youngCollector(): Collector | undefined {
  if (collector === null) {
    try {
      // Loaded here, on the first 2 MiB of output, not at start-up: v8 brings its heap utilities.
      process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc')
      collector = process.getBuiltinModule('node:vm').runInNewContext('gc') as Collector
    } catch {
      collector = undefined
    }
  }
  return collector
}

/**
 * Bytes of output since the last collection, over every command running in this process: a hundred
 * targets printing 10 MB each must collect as often as one step printing a gigabyte.
 */
let sinceCollection = 0

/** Counts output bytes; every 2 MiB asks for a young-generation collection (about 0.1 ms). */
export function outputMemoryKeeper(): (bytes: number) => void {
  return bytes => {
    sinceCollection += bytes
    if (sinceCollection < COLLECT_EVERY_BYTES) return
    sinceCollection = 0
    youngCollector()?.({ type: 'minor' })
  }
}
