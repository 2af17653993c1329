/**
 * Multipart requests with upload progress. fetch() cannot report upload progress, so this uses
 * XMLHttpRequest and its `upload.onprogress`.
 */
import { withUserToken } from './client';
import { ApiError, errorFromResponse, NETWORK_ERROR } from './http';

export interface UploadOptions {
  method: 'POST' | 'PATCH' | 'PUT';
  /** Called with the fraction sent, from 0 to 1. */
  onProgress?: (fraction: number) => void;
}

function send<T>(path: string, form: FormData, token: string | null, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method, path);
    xhr.setRequestHeader('accept', 'application/json');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.upload.onload = () => options.onProgress?.(1);
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText || '{}') as T);
        } catch {
          reject(new ApiError(xhr.status, 'The server sent an unreadable answer.'));
        }
      } else {
        reject(errorFromResponse(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
      }
    };
    xhr.send(form);
  });
}

/** Sends `form` as the signed-in user, reporting upload progress. */
export function uploadForm<T>(path: string, form: FormData, options: UploadOptions): Promise<T> {
  return withUserToken((token) => send<T>(path, form, token, options));
}
