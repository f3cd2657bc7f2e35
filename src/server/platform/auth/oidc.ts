import * as client from 'openid-client';
import type { Config } from '../config.js';

type OidcConfig = NonNullable<Config['oidc']>;

/** Discovery is done once and cached; a failure is retried on the next login rather than stopping the server. */
export class OidcClient {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(private readonly settings: OidcConfig) {}

  private async discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        this.settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.configuration = null;
        throw err;
      });
    return this.configuration;
  }

  async authorizationUrl(redirectUri: string): Promise<{ url: URL; state: string; nonce: string; verifier: string }> {
    const config = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, verifier };
  }

  async callback(currentUrl: URL, checks: { state: string; nonce: string; verifier: string }): Promise<{ subject: string; issuer: string; username: string | null; name: string | null; email: string | null; roles: string[] }> {
    const config = await this.discover();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('No ID token claims');
    const raw = claims[this.settings.rolesClaim];
    const roles = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[ ,]+/) : [];
    const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
    return {
      subject: claims.sub,
      issuer: claims.iss,
      username: str(claims.preferred_username) ?? str(claims.email),
      name: str(claims.name),
      email: str(claims.email),
      roles,
    };
  }
}
