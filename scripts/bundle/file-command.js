/**
 * Stands in for @actions/core's lib/file-command.js in the bundles (see scripts/build.mjs). The
 * real module imports Node's crypto, about 5 ms to load at every start, for one thing: the random
 * delimiter around a multi-line value written to GITHUB_OUTPUT or GITHUB_STATE. Here the
 * delimiter's random part comes from the kernel's random source, read directly, and from crypto
 * only where that cannot be read. The file formats are the runner's, unchanged.
 */
import * as fs from 'fs'
import * as os from 'os'
import { Buffer } from 'buffer'
import { toCommandValue } from './utils.js'

export function issueFileCommand(command, message) {
  const file = process.env[`GITHUB_${command}`]
  if (!file) throw new Error(`Unable to find environment variable for file command ${command}`)
  if (!fs.existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  fs.appendFileSync(file, `${toCommandValue(message)}${os.EOL}`, { encoding: 'utf8' })
}

export function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${randomHex(16)}`
  const text = toCommandValue(value)
  // A name or value holding the delimiter would end the value early: refused, never written.
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  }
  if (text.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  }
  return `${key}<<${delimiter}${os.EOL}${text}${os.EOL}${delimiter}`
}

function randomHex(size) {
  const bytes = Buffer.alloc(size)
  let fd
  try {
    fd = fs.openSync('/dev/urandom', 'r')
    if (!fs.fstatSync(fd).isCharacterDevice()) throw new Error('not the random device')
    for (let read = 0; read < size;) {
      const count = fs.readSync(fd, bytes, read, size - read, null)
      if (count <= 0) throw new Error('the random device ended')
      read += count
    }
    return bytes.toString('hex')
  } catch {
    return process.getBuiltinModule('crypto').randomBytes(size).toString('hex')
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}
