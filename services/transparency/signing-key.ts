import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { treeHeadMessage, type SignedTreeHead, type TreeHead } from './tree-head.ts';

/** The register's Ed25519 key pair, as far as heads need it. */
export interface RegisterKey {
  /** Raw 32-byte public key, lowercase hex. */
  readonly publicKey: string;
  /** SHA-256 of the raw public key, lowercase hex. */
  readonly keyId: string;
  sign(head: TreeHead): SignedTreeHead;
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('the signing key is not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

export function registerKeyFrom(privateKey: KeyObject): RegisterKey {
  const raw = rawPublicKey(createPublicKey(privateKey));
  const keyId = createHash('sha256').update(raw).digest('hex');
  return {
    publicKey: raw.toString('hex'),
    keyId,
    sign(head) {
      const signature = sign(null, treeHeadMessage(head), privateKey).toString('hex');
      return { treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyId, signature };
    },
  };
}

/**
 * Reads the PEM (PKCS#8) private key at `path`, or, when there is none, creates one there,
 * readable by its owner only. Created once, at first start: every head the register ever
 * signs verifies with the same public key.
 */
export function loadOrCreateRegisterKey(path: string): RegisterKey {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      // Another process created it first: use theirs, so both sign with one key.
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      pem = readFileSync(path, 'utf8');
    }
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error(`${path} does not hold a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} holds a ${key.asymmetricKeyType} key; the register signs with Ed25519`);
  return registerKeyFrom(key);
}

/** Checks a signed head against a raw Ed25519 public key (hex). */
export function verifyTreeHeadSignature(head: SignedTreeHead, publicKeyHex: string): boolean {
  const raw = Buffer.from(publicKeyHex, 'hex');
  if (raw.length !== 32 || !/^[0-9a-f]{128}$/.test(head.signature)) return false;
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  if (createHash('sha256').update(raw).digest('hex') !== head.keyId) return false;
  return verify(null, treeHeadMessage(head), key, Buffer.from(head.signature, 'hex'));
}
