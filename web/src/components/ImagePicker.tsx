/** A file input for a profile image, with a preview of the current or chosen picture. */
import { useEffect, useId, useMemo } from 'react';
import { LIMITS, SUPPORTED_IMAGE_TYPES } from '../../../shared/constants';

/** A reason the file cannot be used, checked before anything is uploaded. */
export function imageProblem(file: File): string | null {
  if (!(SUPPORTED_IMAGE_TYPES as readonly string[]).includes(file.type)) return 'must be a JPEG, PNG, GIF, WebP or AVIF image';
  if (file.size > LIMITS.avatarMaxBytes) return `must be at most ${LIMITS.avatarMaxBytes / 1024 / 1024} MB`;
  return null;
}

interface Props {
  label: string;
  name: string;
  currentUrl: string;
  file: File | null;
  error?: string | undefined;
  shape: 'round' | 'wide';
  onChange(file: File | null): void;
}

export function ImagePicker({ label, name, currentUrl, file, error, shape, onChange }: Props) {
  const id = useId();
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className={`field image-picker image-picker-${shape}`}>
      <img className="image-preview" src={preview ?? currentUrl} alt="" />
      <div className="image-picker-controls">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={name}
          type="file"
          accept={SUPPORTED_IMAGE_TYPES.join(',')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        />
        {error && (
          <p id={errorId} className="field-error">
            {error.charAt(0).toUpperCase() + error.slice(1)}
          </p>
        )}
        <p id={hintId} className="field-hint">
          PNG, JPEG, GIF, WebP or AVIF, up to {LIMITS.avatarMaxBytes / 1024 / 1024} MB.
        </p>
      </div>
    </div>
  );
}
