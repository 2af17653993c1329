/**
 * This browser's encryption device (docs/e2ee.md): an ECDH key pair made on first use, its
 * private key non-extractable and kept in IndexedDB (a CryptoKey survives there as an object
 * that still cannot be exported), its public key published to the directory. One device per
 * account per browser profile; clearing the site's data loses it, and with it the history.
 */
import { exportPublicKey, generateDeviceKeys } from '../../../shared/e2ee/crypto';
import { registerDevice } from '../api/e2ee';
import { ApiError } from '../api/http';

export interface LocalDevice {
  device_id: string;
  public_key: string;
  privateKey: CryptoKey;
}

const DB = 'smile-e2ee';
const STORE = 'devices';

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function inStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = run(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

const deviceName = () => {
  const ua = navigator.userAgent;
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  return `${browser} on ${navigator.platform || 'this device'}`;
};

const pending = new Map<string, Promise<LocalDevice>>();

/** This browser's device for `accountId`, made and published on first use (once, even when asked twice at once). */
export function ensureDevice(accountId: string): Promise<LocalDevice> {
  let p = pending.get(accountId);
  if (!p) {
    p = loadOrCreate(accountId);
    pending.set(accountId, p);
    p.catch(() => pending.delete(accountId));
  }
  return p;
}

async function loadOrCreate(accountId: string): Promise<LocalDevice> {
  const stored = await inStore<LocalDevice | undefined>('readonly', (s) => s.get(accountId) as IDBRequest<LocalDevice | undefined>);
  if (stored) {
    try {
      // Publishing again is harmless, and puts back a device the directory lost.
      await registerDevice({ device_id: stored.device_id, name: deviceName(), public_key: stored.public_key });
      return stored;
    } catch (err) {
      // 409: this device was removed (from another browser, say); make a new one.
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
    }
  }
  const keys = await generateDeviceKeys();
  const device: LocalDevice = { device_id: crypto.randomUUID(), public_key: await exportPublicKey(keys.publicKey), privateKey: keys.privateKey };
  await registerDevice({ device_id: device.device_id, name: deviceName(), public_key: device.public_key });
  await inStore('readwrite', (s) => s.put(device, accountId));
  return device;
}
