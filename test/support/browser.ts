/**
 * A browser for in-process route tests: keeps the cookies the app sets (and drops the ones it
 * deletes), sends a same-origin Origin with form posts, and comes from its own address (behind a
 * trusted proxy, X-Forwarded-For) so that one test's failed sign-ins do not lock another's address.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/platform/http/types.ts';

let nextAddress = 1;

/** One browser's cookie jar and requests. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  readonly ip = `10.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

  constructor(private readonly app: Hono<AppEnv>, private readonly headers: Record<string, string> = {}) {}

  /** The Cookie header this browser sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await this.app.request(path, { headers: this.requestHeaders(headers) }));
  }

  /** A form post; `headers`, when given, replace the default same-origin Origin (pass `{}` to send none). */
  async post(path: string, fields: Record<string, string> = {}, headers: Record<string, string> = { origin: 'http://localhost' }): Promise<Response> {
    return this.keep(await this.app.request(path, {
      method: 'POST',
      headers: this.requestHeaders({ 'content-type': 'application/x-www-form-urlencoded', ...headers }),
      body: new URLSearchParams(fields),
    }));
  }

  /** The `_csrf` value of the first form of a page. */
  async csrfOf(path: string): Promise<string> {
    const html = await (await this.get(path)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no _csrf field on ${path}`);
    return token;
  }

  private requestHeaders(extra: Record<string, string>): Record<string, string> {
    const cookie = this.cookieHeader();
    return { 'x-forwarded-for': this.ip, ...this.headers, ...(cookie ? { cookie } : {}), ...extra };
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}
