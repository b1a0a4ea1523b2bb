import { useEffect, useRef } from 'react';
import { mediaTypeOf, SIGNATURE_BYTES } from '@headstamp/evidence/media-types';
import { problemWords } from '../api/client';
import type { ProblemFields } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** A photo or document chosen for the incident or one of its items, until it is attached. */
export interface PhotoEntry {
  key: number;
  file: File;
  caption: string;
  /** A browser address of the image, for its thumbnail; none for a PDF. */
  preview?: string;
  /** Why it cannot be attached: found here before sending, or the server's refusal. */
  problem?: ProblemFields & { message?: string };
  attached: boolean;
}

let nextKey = 1;

/**
 * Photos as the form holds them, each checked as the server will check it (its first bytes, not
 * its name; not empty), so that a wrong file is said before anything is saved.
 */
export async function photoEntries(files: File[]): Promise<PhotoEntry[]> {
  return Promise.all(
    files.map(async (file) => {
      const head = new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer());
      const type = mediaTypeOf(head);
      const problem: ProblemFields | undefined =
        file.size === 0 ? { code: 'file_empty' } : type ? undefined : { code: 'file_type_refused' };
      const preview = type?.startsWith('image/') ? URL.createObjectURL(file) : undefined;
      return { key: nextKey++, file, caption: '', preview, problem, attached: false };
    }),
  );
}

/** The id of a photo's row, for the summary of problems to link to. */
export const photoId = (prefix: string, entry: PhotoEntry) => `${prefix}-photo-${entry.key}`;

interface Props {
  /** Ids of the controls start with it: `incident-photos`, `item-0-photos`. */
  id: string;
  legend: string;
  photos: PhotoEntry[];
  onAdd(entries: PhotoEntry[]): void;
  onCaption(key: number, caption: string): void;
  onRemove(key: number): void;
}

/**
 * Photos for the incident or one item: several at once, from the phone's camera or from files,
 * each with its caption, its thumbnail and what is wrong with it.
 */
export function PhotoPicker({ id, legend, photos, onAdd, onCaption, onRemove }: Props) {
  const { t, number } = useI18n();
  // Thumbnails are browser addresses of the files: released when their photo goes.
  const previews = useRef(new Set<string>());
  useEffect(() => {
    const held = previews.current;
    return () => held.forEach((url) => URL.revokeObjectURL(url));
  }, []);
  const add = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    const entries = await photoEntries(files);
    for (const e of entries) if (e.preview) previews.current.add(e.preview);
    onAdd(entries);
  };
  const remove = (entry: PhotoEntry) => {
    if (entry.preview) {
      URL.revokeObjectURL(entry.preview);
      previews.current.delete(entry.preview);
    }
    onRemove(entry.key);
  };
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? `${number(Math.max(1, Math.round(bytes / 1024)))} ${t('form.kilobytes')}`
      : `${number(Math.round(bytes / 1024 / 102.4) / 10)} ${t('form.megabytes')}`;

  return (
    <fieldset className="photo-picker" aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="hint">
        {t('form.photosHint')}
      </p>
      <div className="photo-inputs">
        <label className="file-button">
          {t('form.takePhotos')}
          <input
            id={`${id}-camera`}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            onChange={(e) => void add(e.currentTarget)}
          />
        </label>
        <label className="file-button">
          {t('form.choosePhotos')}
          <input
            id={`${id}-files`}
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            multiple
            onChange={(e) => void add(e.currentTarget)}
          />
        </label>
      </div>
      {photos.length > 0 && (
        <ul className="photo-list">
          {photos.map((photo) => {
            const rowId = photoId(id, photo);
            const problem = photo.problem ? problemWords(photo.problem) : undefined;
            return (
              <li key={photo.key} id={rowId} className={problem ? 'invalid' : undefined} tabIndex={-1}>
                {photo.preview ? (
                  <img src={photo.preview} alt="" className="thumbnail" />
                ) : (
                  <span className="thumbnail document" aria-hidden="true">
                    {photo.file.type === 'application/pdf' ? 'PDF' : '?'}
                  </span>
                )}
                <div className="photo-fields">
                  <span className="photo-name">
                    {photo.file.name} <span className="muted">({size(photo.file.size)})</span>
                    {photo.attached && <span className="badge">{t('form.photoAttached')}</span>}
                  </span>
                  {!photo.attached && (
                    <>
                      <label htmlFor={`${rowId}-caption`} className="visually-hidden">
                        {t('form.captionFor', { name: photo.file.name })}
                      </label>
                      <input
                        id={`${rowId}-caption`}
                        value={photo.caption}
                        placeholder={t('form.caption')}
                        aria-describedby={problem ? `${rowId}-error` : undefined}
                        onChange={(e) => onCaption(photo.key, e.target.value)}
                      />
                    </>
                  )}
                  {problem && (
                    <span id={`${rowId}-error`} className="field-error">
                      {problem}
                    </span>
                  )}
                </div>
                {!photo.attached && (
                  <button type="button" onClick={() => remove(photo)}>
                    {t('form.removePhoto', { name: photo.file.name })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
