/** Profiles, privacy settings and business verification. */
import { api, publicApi } from './client';
import { ApiError } from './http';
import { uploadForm } from './upload';
import type { Account, BusinessVerification, CredentialAccount, PrivacySettings } from './types';

export function lookupAccount(acct: string): Promise<Account> {
  return publicApi<Account>('/api/v1/accounts/lookup', { query: { acct } });
}

/** PATCH update_credentials as multipart, so avatar and header files travel with the fields. */
export function updateProfile(form: FormData, onProgress?: (fraction: number) => void): Promise<CredentialAccount> {
  return uploadForm<CredentialAccount>('/api/v1/accounts/update_credentials', form, { method: 'PATCH', ...(onProgress ? { onProgress } : {}) });
}

export function getPrivacy(): Promise<PrivacySettings> {
  return api<PrivacySettings>('/api/v1/settings/privacy');
}

export function updatePrivacy(settings: PrivacySettings): Promise<PrivacySettings> {
  return api<PrivacySettings>('/api/v1/settings/privacy', { method: 'PATCH', body: { ...settings } });
}

export type BusinessRequest = Pick<BusinessVerification, 'legal_name' | 'website' | 'country' | 'registration_number' | 'contact_email'>;

/** The latest request, or null when the account never asked. */
export async function getBusinessVerification(): Promise<BusinessVerification | null> {
  try {
    return await api<BusinessVerification>('/api/v1/business/verification');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export function requestBusinessVerification(body: BusinessRequest): Promise<BusinessVerification> {
  return api<BusinessVerification>('/api/v1/business/verification', { body: { ...body } });
}
