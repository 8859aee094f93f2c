/**
 * Serving the app over HTTP with @hono/node-server.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppEnv } from './types.ts';

/** A listening server. */
export interface HttpServer {
  /** The URL to open, e.g. http://localhost:3000 (loopback shown as localhost). */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, ends idle keep-alive connections, resolves when closed. */
  close(): Promise<void>;
}

/** Listens on host:port (port 0: a free one). */
export async function startHttpServer(app: Hono<AppEnv>, options: { port: number; host: string }): Promise<HttpServer> {
  const { server, address } = await new Promise<{ server: ReturnType<typeof serve>; address: AddressInfo }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => resolve({ server: s, address: info }));
    s.once('error', reject);
  });
  const shownHost = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(options.host) ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  };
}
