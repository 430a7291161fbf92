import type { Message } from '../core/message.js'
import { say } from './messages.js'

/**
 * Why a URL a step reported cannot be the deployment's URL: it goes to the deploy-url output, the
 * GitHub deployment and every later step, so it must be a plain http(s) address.
 */
export function urlProblem(url: string): Message | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(url)) return say.urlSpaces
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return say.urlNotUrl
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return say.urlProtocol(parsed.protocol)
  return undefined
}
