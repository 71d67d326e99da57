/**
 * The simulator's TLS: one throwaway CA per simulator run and one server certificate per cluster
 * (SANs 127.0.0.1 and localhost), ECDSA P-256 because it is fast to generate. The CA certificate goes into
 * the kubeconfig, so clients verify the servers like they verify a real cluster.
 */
import 'reflect-metadata'; // @peculiar/x509 needs a Reflect metadata polyfill before it loads
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const VALIDITY_MS = 30 * 24 * 3600 * 1000;
/** Clocks of clients and the simulator may differ slightly; certificates start an hour back. */
const BACKDATE_MS = 3600 * 1000;

/** A certificate and its private key, PEM. */
export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // positive
  return bytes.toString('hex');
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

export class CertificateAuthority {
  private constructor(
    private readonly certificate: x509.X509Certificate,
    private readonly keys: CryptoKeyPair,
  ) {}

  static async create(name = 'meshwright-sim CA'): Promise<CertificateAuthority> {
    const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const now = Date.now();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serialNumber(),
      name: `CN=${name}`,
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + VALIDITY_MS),
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return new CertificateAuthority(certificate, keys);
  }

  get certificatePem(): string {
    return this.certificate.toString('pem');
  }

  /** A serving certificate for 127.0.0.1 and localhost. */
  issueServerCertificate(commonName: string): Promise<IssuedCertificate> {
    return this.issue(`CN=${commonName}`, x509.ExtendedKeyUsage.serverAuth, [
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
    ]);
  }

  /**
   * A client certificate as Kubernetes reads one: the common name is the user, each organization a group.
   */
  issueClientCertificate(user: string, groups: readonly string[] = []): Promise<IssuedCertificate> {
    const subject = [`CN=${user}`, ...groups.map((group) => `O=${group}`)].join(', ');
    return this.issue(subject, x509.ExtendedKeyUsage.clientAuth, []);
  }

  private async issue(
    subject: string,
    usage: string,
    extraExtensions: readonly x509.Extension[],
  ): Promise<IssuedCertificate> {
    const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const now = Date.now();
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject,
      issuer: this.certificate.subject,
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + VALIDITY_MS),
      signingKey: this.keys.privateKey,
      publicKey: keys.publicKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        ...extraExtensions,
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([usage]),
        await x509.AuthorityKeyIdentifierExtension.create(this.certificate),
      ],
    });
    return {
      certificatePem: certificate.toString('pem'),
      privateKeyPem: await privateKeyPem(keys.privateKey),
    };
  }
}
