import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** What MSAL needs to sign a client assertion: the key, the certificate's SHA-256 thumbprint and the certificate. */
export type ClientCertificate = { privateKey: string; thumbprintSha256: string; x5c: string };

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/;

/**
 * Reads a PEM bundle holding the app's certificate and its unencrypted private key (the usual
 * `cat cert.pem key.pem` file uploaded to Entra as the certificate credential).
 */
export function readClientCertificate(pem: string): ClientCertificate {
  const certificate = CERTIFICATE_BLOCK.exec(pem)?.[0];
  if (!certificate) throw new Error('The certificate file has no "BEGIN CERTIFICATE" block');
  const key = PRIVATE_KEY_BLOCK.exec(pem)?.[0];
  if (!key) {
    const isEncrypted = pem.includes('ENCRYPTED PRIVATE KEY');
    throw new Error(
      isEncrypted
        ? 'The certificate file holds an encrypted private key; store it unencrypted (protect the file instead)'
        : 'The certificate file has no "BEGIN PRIVATE KEY" block',
    );
  }
  // MSAL signs with PKCS#8; PKCS#1 ("RSA PRIVATE KEY") files are common, so convert rather than reject.
  const privateKey = createPrivateKey(key).export({ type: 'pkcs8', format: 'pem' }).toString();
  const thumbprintSha256 = new X509Certificate(certificate).fingerprint256.replaceAll(':', '');
  return { privateKey, thumbprintSha256, x5c: certificate };
}

export async function readClientCertificateFile(path: string): Promise<ClientCertificate> {
  return readClientCertificate(await readFile(path, 'utf8'));
}
