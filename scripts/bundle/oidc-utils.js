/**
 * Stands in for @actions/core's lib/oidc-utils.js in the bundles (see scripts/build.mjs). The real
 * OidcClient imports @actions/http-client and through it undici, tunnel, http and https: about half
 * of the bundle's bytes, compiled and evaluated on every start for a function the action never
 * calls (core.getIDToken). Here it is loaded on the first call instead, from its own chunk.
 */
export class OidcClient {
  static async getIDToken(audience) {
    const { OidcClient: RealClient } = await import('./oidc-client.js')
    return RealClient.getIDToken(audience)
  }
}
