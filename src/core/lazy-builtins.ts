/**
 * Node modules loaded on first use rather than at start-up. Loading child_process (with net,
 * dgram and the stream machinery it brings) costs about 3 ms: a dry run or a refusal, which start
 * no process, should not pay it.
 */
export function childProcess(): typeof import('node:child_process') {
  return process.getBuiltinModule('node:child_process')
}

/** `crypto` costs about 5 ms to load: only a real run's journal and report file need it. */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto')
}
