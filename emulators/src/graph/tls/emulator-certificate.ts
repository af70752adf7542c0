import { generate } from 'selfsigned';

export type EmulatorCertificate = { key: string; cert: string };

/**
 * A self-signed TLS certificate for localhost and 127.0.0.1 (the Graph SDK sends tokens only to https
 * hosts and MSAL needs an https authority). It is its own CA: trust its PEM to trust the emulator.
 */
export async function generateEmulatorCertificate(): Promise<EmulatorCertificate> {
  const notBeforeDate = new Date(Date.now() - 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'Microsoft Graph emulator (localhost)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 825 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
