import { paths } from '../api/client';
import type { AttachmentView } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** The incident's photos as thumbnails (loaded only when scrolled to), and its documents as links. */
export function Photos({ attachments }: { attachments: AttachmentView[] }) {
  const { t, date, number } = useI18n();
  if (attachments.length === 0) return <p className="muted">{t('photos.none')}</p>;
  return (
    <ul className="photos">
      {attachments.map((a) => {
        const url = paths.attachment(a.id);
        const described = a.caption ?? a.fileName;
        return (
          <li key={a.id}>
            <figure>
              {a.mediaType.startsWith('image/') ? (
                <a href={url} target="_blank" rel="noopener">
                  <img src={url} alt={described} loading="lazy" width={160} height={120} />
                </a>
              ) : (
                <a href={url} className="document">
                  {a.fileName}
                </a>
              )}
              <figcaption>
                {a.caption && <span>{a.caption}</span>}
                <span className="muted small">
                  {a.item ? `${t('photos.item', { item: a.item })} · ` : ''}
                  {a.uploadedBy} · {date(a.uploadedAt.slice(0, 10))} · {number(Math.ceil(a.size / 1024))} KB
                </span>
              </figcaption>
            </figure>
          </li>
        );
      })}
    </ul>
  );
}
