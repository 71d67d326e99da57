/**
 * Public certificates as trust needs them: a PEM bundle (istiod's `root-cert.pem`, possibly several roots
 * during a rotation) as SHA-256 fingerprints, subjects and end dates. Only certificates are parsed here;
 * a bundle never holds keys, and nothing else of a Secret reaches this module.
 */
import { X509Certificate, createHash } from 'node:crypto';

export interface CertificateFact {
  /** SHA-256 of the DER encoding, upper-case hex pairs joined by colons (as openssl prints it). */
  readonly fingerprint: string;
  readonly subject: string;
  /** ISO 8601. */
  readonly notAfter: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every readable certificate of a PEM bundle, in order; unreadable blocks are skipped. */
export function certificatesOf(pem: string): CertificateFact[] {
  const facts: CertificateFact[] = [];
  for (const block of pem.match(PEM_BLOCK) ?? []) {
    const fact = certificateFact(block);
    if (fact) facts.push(fact);
  }
  return facts;
}

/** The fingerprint of a CA given as PEM or as base64 of PEM (a kubeconfig's certificate-authority-data). */
export function fingerprintOfCa(value: string): string | null {
  const pem = value.includes('-----BEGIN') ? value : Buffer.from(value, 'base64').toString('utf8');
  return certificatesOf(pem)[0]?.fingerprint ?? null;
}

function certificateFact(pem: string): CertificateFact | null {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return null;
  }
  const notAfter = new Date(Date.parse(certificate.validTo));
  if (Number.isNaN(notAfter.getTime())) return null;
  return {
    fingerprint: fingerprintOf(certificate.raw),
    subject: certificate.subject.replace(/\n/g, ', '),
    notAfter: notAfter.toISOString(),
  };
}

function fingerprintOf(der: Buffer): string {
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}
