/**
 * Test helper: one raw HTTP request to a local port with any headers (Host, Origin, Sec-Fetch-Site…),
 * which fetch would refuse to set; resolves with status, headers and the body as text.
 */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpSendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The address to connect to; 127.0.0.1 by default. */
  to?: string;
}

export function httpSend(
  port: number,
  path: string,
  options: HttpSendOptions = {},
): Promise<HttpReply> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: options.to ?? '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}
