import { X509Certificate } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { connect, createServer, TLSSocket } from 'node:tls';

/** PEM texts of a TLS server that asks for client certificates signed by `clientCa` (mutual TLS). */
export interface MutualTlsServer {
  cert: string;
  key: string;
  clientCa: string;
}

/** PEM texts of a client that trusts `ca` for the server and dials it by `serverName`. */
export interface MutualTlsClient {
  ca: string;
  serverName: string;
  cert?: string;
  key?: string;
}

/**
 * One TLS handshake on loopback, as a bridge with a client CA and a gateway would make it: whether the
 * client accepted the server's certificate for `serverName` and the server accepted the client's, or
 * why not.
 */
export async function mutualTlsHandshake(
  server: MutualTlsServer,
  client: MutualTlsClient,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const serverErrors: string[] = [];
  const listener = createServer({
    cert: server.cert,
    key: server.key,
    ca: server.clientCa,
    requestCert: true,
    rejectUnauthorized: true,
  });
  listener.on('tlsClientError', (error) => serverErrors.push(`server: ${error.message}`));
  listener.on('secureConnection', (socket: TLSSocket) => socket.end('ok'));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  try {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({
        host: '127.0.0.1',
        port,
        servername: client.serverName,
        ca: client.ca,
        cert: client.cert,
        key: client.key,
      });
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (data += chunk));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    return answer === 'ok' ? { ok: true } : { ok: false, error: serverErrors.join('; ') || 'no answer' };
  } catch (error) {
    return { ok: false, error: [`client: ${(error as Error).message}`, ...serverErrors].join('; ') };
  } finally {
    await new Promise((resolve) => listener.close(resolve));
  }
}

/** What the checks read of a certificate: its DNS names, and whether `ca` issued it. */
export function certificateFacts(pem: string, ca: string): { dnsNames: string[]; signedByCa: boolean } {
  const certificate = new X509Certificate(pem);
  const authority = new X509Certificate(ca);
  const dnsNames = (certificate.subjectAltName ?? '')
    .split(', ')
    .filter((name) => name.startsWith('DNS:'))
    .map((name) => name.slice(4));
  return {
    dnsNames,
    signedByCa: certificate.checkIssued(authority) && certificate.verify(authority.publicKey),
  };
}
