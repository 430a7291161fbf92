/**
 * Random tokens (the stop-commands token, temporary file names) without Node's `crypto`, which
 * takes about 5 ms to load, a sixteenth of a dry run's start-up: the kernel's random source is read
 * directly. Where there is none to read (Windows, a sandbox without /dev), `crypto` gives them.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { nodeCrypto } from './lazy-builtins.js'

export function randomBytesOf(size: number): Buffer {
  return fromKernel(size) ?? nodeCrypto().randomBytes(size)
}

/** A version 4 UUID, as `crypto.randomUUID` makes them. */
export function randomUuid(): string {
  const bytes = randomBytesOf(16)
  bytes.writeUInt8(((bytes[6] ?? 0) & 0x0f) | 0x40, 6)
  bytes.writeUInt8(((bytes[8] ?? 0) & 0x3f) | 0x80, 8)
  const hex = bytes.toString('hex')
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20)
  ].join('-')
}

function fromKernel(size: number): Buffer | undefined {
  let fd: number | undefined
  try {
    fd = openSync('/dev/urandom', 'r')
    // Only the device itself: a file put in its place would give the same "random" bytes each time.
    if (!fstatSync(fd).isCharacterDevice()) return undefined
    const bytes = Buffer.alloc(size)
    for (let read = 0; read < size;) {
      const count = readSync(fd, bytes, read, size - read, null)
      if (count <= 0) return undefined
      read += count
    }
    return bytes
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
