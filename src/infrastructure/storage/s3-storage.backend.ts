import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3StorageConfig } from '../../config/configuration';
import { assertStorageKey, type StorageBackend } from './storage-backend';

/**
 * Objects in an S3-compatible bucket, named by the key under the configured prefix. A PutObject is
 * atomic on S3, so no temporary object is needed: a reader sees the old bytes or the new ones.
 */
export class S3StorageBackend implements StorageBackend {
  private readonly client: S3Client;

  constructor(private readonly config: S3StorageConfig) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
    });
  }

  /**
   * Sends a SHA-256 checksum of the bytes along (the body is a buffer, so it goes in a header, not in
   * an aws-chunked trailer that some S3-compatible services reject): a service that knows checksums
   * refuses a corrupted upload, one that does not ignores the header.
   */
  async put(key: string, bytes: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'application/octet-stream',
        ChecksumAlgorithm: 'SHA256',
      }),
    );
  }

  /** A missing object rejects with the SDK's NoSuchKey error, as the local backend rejects with ENOENT. */
  async read(key: string): Promise<Readable> {
    const response = await this.client.send(
      new GetObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
    );
    // In Node the SDK hands back the HTTP response itself, a Readable.
    if (!(response.Body instanceof Readable)) throw new Error(`Stored object ${key} came back without a readable body`);
    return response.Body;
  }

  /** S3 answers a delete of a missing object with success too. */
  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
  }

  close(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    assertStorageKey(key);
    return this.config.prefix === '' ? key : `${this.config.prefix}/${key}`;
  }
}
